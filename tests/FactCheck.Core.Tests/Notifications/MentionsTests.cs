using FactCheck.Core.Notifications;

namespace FactCheck.Core.Tests.Notifications;

public sealed class MentionsTests
{
    private static readonly Mentions.Member[] Members =
    [
        new("1", "Ana Lopez", "ana@desk.test"),
        new("2", "bob", "robert.b@desk.test"),
    ];

    [Theory]
    [InlineData("@Ana Lopez please look", "1")]
    [InlineData("thanks @ana.", "1")]
    [InlineData("@robert.b and @ANA", "1,2")]
    [InlineData("(@bob)", "2")]
    [InlineData("write to ana@desk.test", "")]
    [InlineData("@bobby is someone else", "")]
    [InlineData("no mention at all", "")]
    public void A_mention_is_a_members_name_or_address_after_an_at_sign_and_not_inside_a_word(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", Mentions.Find(text, Members).Select(m => m.Id)));

    [Fact]
    public void Highlighting_marks_mentions_in_text_but_never_touches_attributes()
    {
        var html = "<p>ask @bob about <a href=\"mailto:x@bob.test\">x@bob.test</a> &amp; @ana.</p>";
        Assert.Equal("<p>ask <mark class=\"fc-mention\">@bob</mark> about <a href=\"mailto:x@bob.test\">x@bob.test</a> &amp; <mark class=\"fc-mention\">@ana</mark>.</p>",
            Mentions.Highlight(html));
    }
}
