using System.Globalization;
using BenchmarkDotNet.Running;
using FactCheck.Benchmarks;

// Benchmarks (Release): dotnet run -c Release --project tests/FactCheck.Benchmarks -- --filter '*' --job short
// Similarity quality: dotnet run -c Release --project tests/FactCheck.Benchmarks -- similarity ../shared/data/claimbuster/crowdsourced.csv [threshold]
if (args is ["similarity", var dataPath, ..])
{
    SimilarityEvaluation.Run(dataPath, args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.6);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
