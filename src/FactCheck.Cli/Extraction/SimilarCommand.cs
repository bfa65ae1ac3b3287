using System.CommandLine;
using FactCheck.Extraction;

namespace FactCheck.Cli.Extraction;

/// <summary>`factcheck similar --index FILE [--top 5] [--json]`: best library matches of each query read from standard input.</summary>
public static class SimilarCommand
{
    public static Command Create()
    {
        var index = new Option<string>("--index") { Description = "The library: a text file with one claim per line.", Required = true };
        var top = new Option<int>("--top") { Description = "Matches per query.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array with, for each query line, [{\"line\", \"similarity\"}] best first." };

        var command = new Command("similar", "Match each line of standard input against a library of claims (embedding and word similarity).") { index, top, json };
        command.SetAction(parseResult => SimilarityCommandLine.Run(
            parseResult.GetValue(index)!, parseResult.GetValue(top), parseResult.GetValue(json), Console.In, Console.Out, Console.Error));
        return command;
    }
}
