using System.CommandLine;
using FactCheck.Extraction;

namespace FactCheck.Cli.Extraction;

/// <summary>`factcheck train --data PATH [--out PATH] [--cv N]`: retrains the check-worthiness model reproducibly.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "ClaimBuster-format CSV (Text and Verdict columns; Verdict 1 = check-worthy).", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the model (the shipped one is src/FactCheck.Extraction/Model/checkworthy.bin).",
            DefaultValueFactory = _ => "checkworthy.bin",
        };
        var folds = new Option<int>("--cv")
        {
            Description = "Folds of cross-validation to report for the model and the baseline (0 to skip).",
            DefaultValueFactory = _ => 5,
        };

        var noEmbedding = new Option<bool>("--no-embedding") { Description = "Train only the fast model (no sentence embeddings, no hybrid model)." };
        var cache = new Option<string?>("--embedding-cache") { Description = "A file to keep the training sentences' embeddings in between runs." };

        var command = new Command("train", "Train the check-worthiness models (fast and hybrid) and print their cross-validated precision, recall, F1 and average precision, grouped by debate.")
        {
            data, output, folds, noEmbedding, cache,
        };
        command.SetAction(parseResult => ExtractionCommandLine.Train(
            parseResult.GetValue(data)!, parseResult.GetValue(output)!, parseResult.GetValue(folds), Console.Out, Console.Error,
            embeddings: !parseResult.GetValue(noEmbedding), embeddingCache: parseResult.GetValue(cache)));
        return command;
    }
}
