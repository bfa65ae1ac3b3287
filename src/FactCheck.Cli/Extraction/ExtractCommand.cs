using System.CommandLine;
using FactCheck.Extraction;

namespace FactCheck.Cli.Extraction;

/// <summary>`factcheck extract FILE|- [--all] [--lines] [--json]`: the claims of a document (see ExtractionCommandLine).</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "A .txt, .md, .html or .pdf file, or - to read text from standard input." };
        var all = new Option<bool>("--all") { Description = "Print every sentence with its score, not only the check-worthy ones." };
        var lines = new Option<bool>("--lines") { Description = "Take each input line as one sentence, unsplit." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {text, start, length, score, checkworthy, kind, attribution, reasons, quantities}." };
        var embedding = new Option<bool>("--embedding") { Description = "Score with the hybrid model (sentence embedding included): slower, more accurate." };

        var command = new Command("extract", "Extract the check-worthy claims of a document.") { input, all, lines, json, embedding };
        command.SetAction(parseResult =>
        {
            using var standardInput = Console.OpenStandardInput();
            return ExtractionCommandLine.Extract(
                new ExtractRequest(parseResult.GetValue(input)!, parseResult.GetValue(all), parseResult.GetValue(lines), parseResult.GetValue(json), parseResult.GetValue(embedding)),
                standardInput, Console.Out, Console.Error);
        });
        return command;
    }
}
