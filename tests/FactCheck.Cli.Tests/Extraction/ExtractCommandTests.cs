using System.Text.Json;

namespace FactCheck.Cli.Tests.Extraction;

/// <summary>The command-line contract of DESIGN.md, run as a process on the seed article.</summary>
public sealed class ExtractCommandTests
{
    private static readonly string Seed = Path.Combine(CliProcess.RepositoryRoot(), "seeds", "000_ee67936dca785b92.txt");

    [Fact]
    public async Task Extract_json_prints_the_claims_with_their_exact_spans()
    {
        var result = await CliProcess.RunAsync(["extract", Seed, "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var claims = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(claims);
        foreach (var name in new[] { "text", "start", "length", "score", "checkworthy", "kind", "attribution", "reasons", "quantities" })
            Assert.True(claims[0].TryGetProperty(name, out _), $"Each claim has '{name}'.");
        Assert.All(claims, c => Assert.True(c.GetProperty("checkworthy").GetBoolean()));
        Assert.Contains(claims, c => c.GetProperty("text").GetString()!.Contains("445,581"));
        var toll = claims.SelectMany(c => c.GetProperty("quantities").EnumerateArray()).First(q => q.GetProperty("text").GetString() == "445,581");
        Assert.Equal(445581, toll.GetProperty("value").GetDouble());
        Assert.Equal("people", toll.GetProperty("unit").GetString());
        Assert.Equal("killed", toll.GetProperty("measure").GetString());
        Assert.Equal("October 7, 2023", toll.GetProperty("date").GetString());
    }

    [Fact]
    public async Task All_prints_every_sentence_including_the_ones_that_are_not_claims()
    {
        var claims = await RunJsonAsync(["extract", Seed, "--json"]);
        var all = await RunJsonAsync(["extract", Seed, "--all", "--json"]);

        Assert.True(all.Count > claims.Count);
        Assert.Contains(all, s => !s.GetProperty("checkworthy").GetBoolean());
    }

    [Fact]
    public async Task Lines_scores_each_input_line_as_one_sentence_from_standard_input()
    {
        var result = await CliProcess.RunAsync(["extract", "-", "--lines", "--all", "--json"],
            input: "Unemployment fell to 3.5% in 2019, the lowest in 50 years.\nI think we should all be kinder.\n");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var lines = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(0, lines[0].GetProperty("start").GetInt32());
        Assert.True(lines[0].GetProperty("score").GetDouble() > lines[1].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Embedding_rescores_the_same_sentences_with_the_shipped_hybrid_model()
    {
        const string Input = "Unemployment fell to 3.5% in 2019, the lowest in 50 years.\nI think we should all be kinder.\nThe ministry said 45,581 people have been killed in Gaza.\n";
        var fast = await CliProcess.RunAsync(["extract", "-", "--lines", "--all", "--json"], input: Input);
        var hybrid = await CliProcess.RunAsync(["extract", "-", "--lines", "--all", "--json", "--embedding"], input: Input);

        Assert.Equal(0, hybrid.ExitCode);
        var fastLines = JsonDocument.Parse(fast.Output).RootElement.EnumerateArray().ToList();
        var hybridLines = JsonDocument.Parse(hybrid.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(fastLines.Select(l => l.GetProperty("start").GetInt32()), hybridLines.Select(l => l.GetProperty("start").GetInt32()));
        Assert.NotEqual(fastLines.Select(l => l.GetProperty("score").GetDouble()), hybridLines.Select(l => l.GetProperty("score").GetDouble()));
        Assert.True(hybridLines[2].GetProperty("checkworthy").GetBoolean());
        Assert.False(hybridLines[1].GetProperty("checkworthy").GetBoolean());
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error_without_a_stack_trace()
    {
        var result = await CliProcess.RunAsync(["extract", "/no/such/file.txt", "--json"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("file.txt", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    private static async Task<List<JsonElement>> RunJsonAsync(string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList();
    }
}
