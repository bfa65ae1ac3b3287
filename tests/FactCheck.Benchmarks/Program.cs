using System.Globalization;
using BenchmarkDotNet.Running;
using FactCheck.Benchmarks;
using FactCheck.Benchmarks.Circuits;
using FactCheck.Benchmarks.Queries;

// Benchmarks (Release): dotnet run -c Release --project tests/FactCheck.Benchmarks -- --filter '*' --job short
// Similarity quality: dotnet run -c Release --project tests/FactCheck.Benchmarks -- similarity ../shared/data/claimbuster/crowdsourced.csv [threshold] [embedding-cache]
// Save in one browser, shown in another: dotnet run -c Release --project tests/FactCheck.Benchmarks -- browsers [http://127.0.0.1:5080] [50]
// Workspace queries at scale (make the database with `factcheck demo-data --claims 100000`): dotnet run -c Release --project tests/FactCheck.Benchmarks -- queries FILE.db [runs]
// Save latency with N claims pages open: dotnet run -c Release --project tests/FactCheck.Benchmarks -- saves [http://127.0.0.1:5080] [OPEN_PAGES] [20]
// Memory per Blazor circuit: dotnet run -c Release --project tests/FactCheck.Benchmarks -- circuits [http://127.0.0.1:5080] [100]
if (args is ["similarity", var dataPath, ..])
{
    SimilarityEvaluation.Run(dataPath, args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.6, args.Length > 3 ? args[3] : null);
    return 0;
}
// Embedding speed (wall and CPU time) and memory at rest and at peak: dotnet run -c Release --project tests/FactCheck.Benchmarks -- embedding-speed [threads] [runs]
if (args is ["embedding-speed", ..])
{
    EmbeddingSpeed.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
    return 0;
}
if (args is ["queries", var databaseFile, ..])
    return await QueryTimings.RunAsync(databaseFile, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7, args.Length > 3 ? args[3] : null);

// Similarity index memory at N claims: dotnet run -c Release --project tests/FactCheck.Benchmarks -- index-memory ../shared/data/claimbuster/crowdsourced.csv [100000]
if (args is ["index-memory", var indexData, ..])
{
    SimilarityIndexMemory.Run(indexData, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000);
    return 0;
}
if (args is ["circuits", ..])
    return await CircuitMemory.RunAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:5080", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100,
        args.Length > 3 ? args[3] : "/claims");
if (args is ["saves", ..])
    return await SaveLatency.RunAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:5080", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20);
// Page height on a phone (390 px): dotnet run -c Release --project tests/FactCheck.Benchmarks -- phone [http://127.0.0.1:5080] [/claims]
if (args is ["phone", ..])
    return await PhoneHeight.RunAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:5080", args.Length > 2 ? args[2] : "/claims");
if (args is ["browsers", ..])
    return await BrowserSync.RunAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:5080", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
