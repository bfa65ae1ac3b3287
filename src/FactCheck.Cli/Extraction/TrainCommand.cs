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

        var command = new Command("train", "Train the check-worthiness model and print its cross-validated precision, recall, F1 and average precision.") { data, output, folds };
        command.SetAction(parseResult => ExtractionCommandLine.Train(
            parseResult.GetValue(data)!, parseResult.GetValue(output)!, parseResult.GetValue(folds), Console.Out, Console.Error));
        return command;
    }
}
