using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class SentenceSplitterTests
{
    private static List<string> Sentences(string text)
    {
        var segments = SentenceSplitter.Split(text);
        foreach (var segment in segments)
            Assert.Equal(segment.Length, text.Substring(segment.Start, segment.Length).Length);
        return segments.Select(s => text.Substring(s.Start, s.Length)).ToList();
    }

    [Theory]
    [InlineData("Dr. Smith met Mr. Jones and Mrs. Brown. They talked.", "Dr. Smith met Mr. Jones and Mrs. Brown.")]
    [InlineData("Prof. Lee spoke at the U.N. General Assembly on Jan. 5. It was brief.", "Prof. Lee spoke at the U.N. General Assembly on Jan. 5.")]
    [InlineData("The U.S. Army said No. 7 was hit. Nobody was hurt.", "The U.S. Army said No. 7 was hit.")]
    [InlineData("Some fruits, e.g. apples, i.e. Malus, etc. are sweet. Others are not.", "Some fruits, e.g. apples, i.e. Malus, etc. are sweet.")]
    [InlineData("Prices rose 3.5% to 445,581 units. Sales fell.", "Prices rose 3.5% to 445,581 units.")]
    [InlineData("It was signed on Feb. 12, 2024 by J. R. Smith. Then it failed.", "It was signed on Feb. 12, 2024 by J. R. Smith.")]
    public void Abbreviations_and_numbers_do_not_end_sentences(string text, string firstSentence)
    {
        var sentences = Sentences(text);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(firstSentence, sentences[0]);
    }

    [Fact]
    public void An_abbreviation_followed_by_a_sentence_opener_ends_the_sentence()
    {
        Assert.Equal(["Troops left the U.S.", "The base closed."], Sentences("Troops left the U.S. The base closed."));
    }

    [Fact]
    public void Quotations_keep_their_full_stops()
    {
        var sentences = Sentences("\u201CWe are ready. We will sign,\u201D the minister said. Talks resume Monday.");

        Assert.Equal(["\u201CWe are ready. We will sign,\u201D the minister said.", "Talks resume Monday."], sentences);
    }

    [Fact]
    public void A_sentence_ending_in_a_quotation_ends_after_the_closing_mark()
    {
        Assert.Equal(["He said \"it is over.\"", "Then he left."], Sentences("He said \"it is over.\" Then he left."));
    }

    [Fact]
    public void An_unbalanced_quotation_does_not_swallow_the_paragraph()
    {
        var sentences = Sentences("He said \"this never closes. The next sentence starts here. And another one follows.");

        Assert.Equal(3, sentences.Count);
    }

    [Fact]
    public void Ellipses_end_sentences_only_before_a_new_one()
    {
        Assert.Equal(["Wait\u2026", "The results are in.", "Good."], Sentences("Wait\u2026 The results are in. Good."));
        Assert.Equal(["It went on and on...", "Finally it stopped."], Sentences("It went on and on... Finally it stopped."));
        Assert.Single(Sentences("It went on and on... and on."));
    }

    [Fact]
    public void Headings_are_short_lines_without_final_punctuation()
    {
        var segments = SentenceSplitter.Split("Attack on Hospitals\n\nThe hospital was hit on Monday.\n\nA long line without a full stop that goes on and on well beyond what any heading would say in a newspaper");

        Assert.Equal([SegmentType.Heading, SegmentType.Sentence, SegmentType.Sentence], segments.Select(s => s.Type));
    }

    [Fact]
    public void A_heading_directly_above_its_paragraph_is_still_a_heading()
    {
        var text = "Ongoing Genocide\nThe assault began on October 7, 2023.";
        var segments = SentenceSplitter.Split(text);

        Assert.Equal(SegmentType.Heading, segments[0].Type);
        Assert.Equal("The assault began on October 7, 2023.", text.Substring(segments[1].Start, segments[1].Length));
    }

    [Fact]
    public void List_items_are_separate_sentences_without_their_markers()
    {
        var sentences = Sentences("Key points:\n- Costs rose 5%\n- Sales fell 2%\n1. First item here.\n2) Second item here.");

        Assert.Equal(["Key points:", "Costs rose 5%", "Sales fell 2%", "First item here.", "Second item here."], sentences);
    }

    [Fact]
    public void Wrapped_lines_of_a_paragraph_join_into_one_sentence()
    {
        var sentences = Sentences("The region recorded 48,200 admissions in 2024, up from\n45,260 in 2023, the office said. Waiting times fell.");

        Assert.Equal("The region recorded 48,200 admissions in 2024, up from\n45,260 in 2023, the office said.", sentences[0]);
        Assert.Equal(2, sentences.Count);
    }

    [Fact]
    public void An_embedded_post_becomes_sentences_with_author_and_a_signature()
    {
        const string text = "JUST IN: Four people were killed. Rescue is ongoing\u2026 pic.twitter.com/qCR7LKABbE \u2014 The Palestine Chronicle (@PalestineChron) January 3, 2025";
        var segments = SentenceSplitter.Split(text);

        Assert.Equal([SegmentType.Sentence, SegmentType.Sentence, SegmentType.PostSignature], segments.Select(s => s.Type));
        Assert.Equal("pic.twitter.com/qCR7LKABbE \u2014 The Palestine Chronicle (@PalestineChron) January 3, 2025", text.Substring(segments[2].Start, segments[2].Length));
        var post = new EmbeddedPost("The Palestine Chronicle", "@PalestineChron", new DateOnly(2025, 1, 3));
        Assert.All(segments, s => Assert.Equal(post, s.Post));
    }

    [Fact]
    public void A_handle_in_running_text_is_not_a_post_signature()
    {
        var segments = SentenceSplitter.Split("The ministry (@MoH_Gaza) posted the figures on Friday. They were disputed.");

        Assert.All(segments, s => Assert.Equal(SegmentType.Sentence, s.Type));
        Assert.Equal(2, segments.Count);
    }

    [Fact]
    public void Page_breaks_end_paragraphs()
    {
        Assert.Equal(["The first page ends here", "and a new page starts."], Sentences("The first page ends here\n\f\nand a new page starts."));
    }

    [Theory]
    [InlineData('.')]
    [InlineData('"')]
    [InlineData('(')]
    [InlineData('@')]
    [InlineData('\n')]
    public void Pathological_input_is_split_in_one_pass(char repeated)
    {
        // A regex with backtracking would take minutes on these; a linear splitter returns at once.
        var text = "Start " + new string(repeated, 200_000) + " (@x) end. Next sentence here.";
        var segments = SentenceSplitter.Split(text);

        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.InRange(s.End, 0, text.Length));
    }

    [Fact]
    public void Lines_mode_does_not_split_or_detect_headings()
    {
        var segments = SentenceSplitter.SplitLines("A. B. C.\nAttack on Hospitals\r\n");

        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.Equal(SegmentType.Sentence, s.Type));
        Assert.Equal(19, segments[1].Length);
    }
}
