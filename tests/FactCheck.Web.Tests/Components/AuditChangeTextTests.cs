using FactCheck.Web.Components.Pages.Audit;

namespace FactCheck.Web.Tests.Components;

public sealed class AuditChangeTextTests
{
    [Theory]
    [InlineData("VerdictSubmitted", "Verdict submitted")]
    [InlineData("ApiTokenCreated", "API token created")]
    [InlineData("Accepted", "Accepted")]
    public void Actions_read_as_words(string action, string text) => Assert.Equal(text, AuditChangeText.Action(action));

    [Fact]
    public void Stored_codes_and_user_ids_read_as_labels_and_names()
    {
        var fields = AuditChangeText.Fields("""{"status":0}""", """{"status":1,"reviewerId":"u-1","reviewer":"Alice Reviewer","stance":1,"rating":3}""",
            new Dictionary<string, string> { ["u-1"] = "Alice Reviewer" });

        Assert.Equal(
            [new("Status", "New", "Assigned"), new("Reviewer", null, "Alice Reviewer"), new("Stance", null, "Refutes"), new("Rating", null, "Mixed")],
            fields);
    }

    [Fact]
    public void A_row_that_is_not_json_still_shows_as_text()
    {
        var field = Assert.Single(AuditChangeText.Fields(null, "not json", new Dictionary<string, string>()));
        Assert.Equal("not json", field.After);
    }
}
