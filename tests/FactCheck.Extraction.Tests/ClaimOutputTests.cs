using System.Text.Json;
using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class ClaimOutputTests
{
    private static readonly ScoredSentence Claim = new("He said \"445,581\" died.", 10, 23, 0.987654, true, ClaimKind.Statistic, "Gaza's Ministry of Health", ["states a figure: 445,581"]);
    private static readonly ScoredSentence Heading = new("Attack on Hospitals", 40, 19, 0.4, false, ClaimKind.Statement, null, [], SegmentType.Heading);

    [Fact]
    public void Json_has_exactly_the_contract_fields()
    {
        using var json = JsonDocument.Parse(ClaimOutput.ToJson([Claim, Heading]));

        var first = json.RootElement[0];
        Assert.Equal(["text", "start", "length", "score", "checkworthy", "kind", "attribution", "reasons", "quantities"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("He said \"445,581\" died.", first.GetProperty("text").GetString());
        Assert.Equal(10, first.GetProperty("start").GetInt32());
        Assert.Equal(23, first.GetProperty("length").GetInt32());
        Assert.Equal(0.9877, first.GetProperty("score").GetDouble());
        Assert.True(first.GetProperty("checkworthy").GetBoolean());
        Assert.Equal("statistic", first.GetProperty("kind").GetString());
        Assert.Equal("Gaza's Ministry of Health", first.GetProperty("attribution").GetString());
        Assert.Equal(["states a figure: 445,581"], first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement[1].GetProperty("attribution").ValueKind);
    }

    [Fact]
    public void Json_of_nothing_is_an_empty_array()
    {
        Assert.Equal("[]", ClaimOutput.ToJson([]));
    }

    [Fact]
    public void Table_shows_score_verdict_kind_attribution_text_and_reasons()
    {
        var table = ClaimOutput.ToTable([Claim, Heading]);

        Assert.Contains(" 0.99  yes    statistic   Gaza's Ministry of Health   He said \"445,581\" died.", table, StringComparison.Ordinal);
        Assert.Contains("states a figure: 445,581", table, StringComparison.Ordinal);
        Assert.Contains(" 0.40  no     statement   -", table, StringComparison.Ordinal);
        Assert.Contains("1 check-worthy of 2 shown.", table, StringComparison.Ordinal);
    }
}
