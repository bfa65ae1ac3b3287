using System.Text.Json;

namespace FactCheck.Cli.Tests.Extraction;

/// <summary>`factcheck similar`, run as a process on the real packaged model.</summary>
public sealed class SimilarCommandTests
{
    private static readonly string[] Library =
    [
        "The Gaza health ministry says 45,581 people have been killed since October 2023.",
        "Unemployment in Ohio fell to 4 percent last year.",
        "",
        "The new bridge cost 2 billion dollars, twice the estimate.",
        "Crime rates in big cities doubled over the past decade.",
    ];

    [Fact]
    public async Task Each_query_line_gets_its_best_library_lines_best_first()
    {
        var library = Path.GetTempFileName();
        await File.WriteAllLinesAsync(library, Library);
        try
        {
            var result = await CliProcess.RunAsync(["similar", "--index", library, "--top", "2", "--json"],
                input: "Gaza's health ministry reports the war has killed 45,581 people.\nThe bridge was twice as expensive as planned, at $2bn.\n\n");

            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(result.Output);
            var queries = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(3, queries.Count);
            Assert.Equal(0, queries[0][0].GetProperty("line").GetInt32());
            Assert.Equal(3, queries[1][0].GetProperty("line").GetInt32());
            Assert.Equal(2, queries[0].GetArrayLength());
            Assert.True(queries[0][0].GetProperty("similarity").GetDouble() > queries[0][1].GetProperty("similarity").GetDouble());
            Assert.Equal(0, queries[2].GetArrayLength());
            Assert.DoesNotContain(queries.SelectMany(q => q.EnumerateArray()), m => m.GetProperty("line").GetInt32() == 2);
        }
        finally
        {
            File.Delete(library);
        }
    }

    [Fact]
    public async Task A_missing_library_is_an_input_error_with_one_line()
    {
        var result = await CliProcess.RunAsync(["similar", "--index", "/nonexistent/library.txt", "--json"], input: "x\n");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot read", result.Error);
        Assert.Equal("", result.Output);
    }
}
