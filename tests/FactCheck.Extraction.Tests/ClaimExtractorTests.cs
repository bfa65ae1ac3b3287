using FactCheck.Extraction;
using Xunit;
using static FactCheck.Extraction.Tests.TestDocuments;

namespace FactCheck.Extraction.Tests;

public sealed class ClaimExtractorTests
{
    private static readonly ClaimExtractor Extractor = ClaimExtractor.Default;

    [Theory]
    [InlineData("seed-article.txt")]
    [InlineData("wire-story.txt")]
    [InlineData("press-release.md")]
    [InlineData("speech-transcript.txt")]
    [InlineData("news-article.html")]
    public void Every_span_indexes_the_text_exactly(string document)
    {
        var text = Text(document);
        var sentences = Extractor.ScoreSentences(text);

        Assert.NotEmpty(sentences);
        AssertSpans(text, sentences);
        Assert.Equal(sentences.Where(s => s.CheckWorthy).Select(s => s.Start), Extractor.Extract(text).Select(s => s.Start));
    }

    [Theory]
    [InlineData("445,581", "Gaza's Ministry of Health")]
    [InlineData("1,057", "UN Special Rapporteurs")]
    [InlineData("At least 22 hospitals", null)]
    [InlineData("1,200 of its soldiers", "Israel")]
    [InlineData("nearly two million people", null)]
    public void Seed_article_figures_are_check_worthy_with_their_source(string fragment, string? attribution)
    {
        var claim = Find(Extractor.ScoreSentences(Text("seed-article.txt")), fragment);

        Assert.True(claim.CheckWorthy, $"Not check-worthy ({claim.Score:F2}): {claim.Text}");
        Assert.Equal(ClaimKind.Statistic, claim.Kind);
        if (attribution is not null)
            Assert.Equal(attribution, claim.Attribution);
        Assert.Contains(claim.Reasons, r => r.StartsWith("states a figure", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_article_reasons_name_the_figure_and_the_source()
    {
        var claim = Find(Extractor.ScoreSentences(Text("seed-article.txt")), "445,581");

        Assert.Contains("states a figure: 445,581", claim.Reasons);
        Assert.Contains("attributed to Gaza's Ministry of Health", claim.Reasons);
    }

    [Fact]
    public void Seed_article_headings_and_post_signatures_are_not_claims()
    {
        var text = Text("seed-article.txt");
        var sentences = Extractor.ScoreSentences(text);

        var heading = Assert.Single(sentences, s => s.Text == "Attack on Hospitals");
        Assert.Equal(SegmentType.Heading, heading.Segment);
        Assert.False(heading.CheckWorthy);

        var signature = Assert.Single(sentences, s => s.Text.Contains("@DropSiteNews", StringComparison.Ordinal) && s.Segment == SegmentType.PostSignature);
        Assert.Equal("pic.twitter.com/YIYS0wAuNA \u2014 Drop Site (@DropSiteNews) January 3, 2025", signature.Text);
        Assert.False(signature.CheckWorthy);
        Assert.DoesNotContain(Extractor.Extract(text), s => s.Text.Contains("pic.twitter.com", StringComparison.Ordinal) || s.Text.Contains("(@", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_article_post_sentences_carry_the_post_author_and_date()
    {
        var sentences = Extractor.ScoreSentences(Text("seed-article.txt"));

        var post = Find(sentences, "Hamas has issued a press release");
        Assert.Equal("Drop Site (@DropSiteNews)", post.Attribution);
        Assert.Equal(new EmbeddedPost("Drop Site", "@DropSiteNews", new DateOnly(2025, 1, 3)), post.Post);
    }

    [Fact]
    public void Seed_article_quotes_are_attributed_to_their_speaker()
    {
        var sentences = Extractor.ScoreSentences(Text("seed-article.txt"));

        var quote = Find(sentences, "The movement confirms, as it does every time");
        Assert.Equal("Dr. Bassem Naim", quote.Attribution);
        // "He said …" in the next paragraph refers back to the person last named as a source.
        Assert.Equal("Dr. Bassem Naim", Find(sentences, "He said this round of talks").Attribution);
        Assert.Equal("Israeli media", Find(sentences, "Israeli media reported on Friday").Attribution);
        Assert.Equal("Human rights organizations", Find(sentences, "overwhelming majority of the casualties").Attribution);
    }

    [Theory]
    [InlineData("slowed to 2.1% in December", "Eurostat")]
    [InlineData("Energy prices fell 4.3%", "the agency")]
    [InlineData("affecting about 10.8 million people", null)]
    [InlineData("4.5 percentage points", "Dr. Isabel Schnabel")]
    [InlineData("Germany's economy shrank 0.2%", "the Federal Statistical Office")]
    public void Wire_story_figures_are_claims(string fragment, string? attribution)
    {
        var claim = Find(Extractor.ScoreSentences(Text("wire-story.txt")), fragment);

        Assert.True(claim.CheckWorthy, $"Not check-worthy ({claim.Score:F2}): {claim.Text}");
        Assert.Equal(ClaimKind.Statistic, claim.Kind);
        Assert.Equal(attribution, claim.Attribution);
    }

    [Theory]
    [InlineData("According to the WHO, 22 hospitals have been damaged since January.", "the WHO")]
    [InlineData("WHO said 22 hospitals have been damaged since January.", "WHO")]
    [InlineData("According to officials who spoke on Monday, 40 people died.", "officials")]
    public void Capitalised_acronyms_that_spell_clause_words_are_still_sources(string sentence, string attribution)
    {
        var claim = Assert.Single(Extractor.ScoreSentences(sentence));

        Assert.Equal(attribution, claim.Attribution);
    }

    [Theory]
    [InlineData("Will the ECB cut rates again in March?")]
    [InlineData("Perhaps, but some analysts think it might wait until the summer.")]
    [InlineData("Eurozone inflation slows to 2.1% as energy prices fall")]
    [InlineData("Reporting by Anna Keller; Editing by Tom Hughes")]
    public void Wire_story_questions_hedges_headline_and_credits_are_not_claims(string sentence)
    {
        var scored = Assert.Single(Extractor.ScoreSentences(Text("wire-story.txt")), s => s.Text == sentence);

        Assert.False(scored.CheckWorthy, $"Check-worthy ({scored.Score:F2}): {scored.Text}");
    }

    [Fact]
    public void Wire_story_keeps_quoted_full_stops_and_abbreviations_inside_their_sentence()
    {
        var sentences = Extractor.ScoreSentences(Text("wire-story.txt"));

        var quote = Find(sentences, "The disinflation process is well on track.");
        Assert.EndsWith("told reporters in Frankfurt.", quote.Text, StringComparison.Ordinal);
        Assert.Equal("European Central Bank President Christine Lagarde", quote.Attribution);
        Assert.StartsWith("FRANKFURT, Jan. 7 (Wire)", Find(sentences, "slowed to 2.1%").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12,400 lead service lines", "The Harbor City Water Authority")]
    [InlineData("$84 million", null)]
    [InlineData("fell by 78%", null)]
    [InlineData("About 3,100 lead lines remain", null)]
    public void Press_release_figures_are_claims(string fragment, string? attribution)
    {
        var claim = Find(Extractor.ScoreSentences(Text("press-release.md")), fragment);

        Assert.True(claim.CheckWorthy, $"Not check-worthy ({claim.Score:F2}): {claim.Text}");
        Assert.Equal(attribution, claim.Attribution);
    }

    [Fact]
    public void Press_release_money_is_explained_and_the_quote_has_its_speaker()
    {
        var sentences = Extractor.ScoreSentences(Text("press-release.md"));

        Assert.Contains("states an amount of money: $84 million", Find(sentences, "$84 million").Reasons);
        Assert.Equal("Mayor Dana Ortiz", Find(sentences, "Every child in Harbor City deserves safe water.").Attribution);
        Assert.Equal("Water Authority director Samuel Okafor", Find(sentences, "remaining lines will be replaced").Attribution);
    }

    [Theory]
    [InlineData("Key figures")]
    [InlineData("What our leaders say")]
    [InlineData("About the Harbor City Water Authority")]
    [InlineData("We are proud of our crews and grateful to our residents for their patience.")]
    [InlineData("Visit our website to learn more.")]
    public void Press_release_headings_and_boilerplate_are_not_claims(string sentence)
    {
        var scored = Assert.Single(Extractor.ScoreSentences(Text("press-release.md")), s => s.Text == sentence);

        Assert.False(scored.CheckWorthy, $"Check-worthy ({scored.Score:F2}): {scored.Text}");
    }

    [Theory]
    [InlineData("unemployment is 3.8 percent", ClaimKind.Statistic)]
    [InlineData("142,000 new jobs", ClaimKind.Statistic)]
    [InlineData("$2.3 billion", ClaimKind.Statistic)]
    [InlineData("Crime fell by 14 percent", ClaimKind.Statistic)]
    [InlineData("the highest unemployment rate in the region", ClaimKind.Comparison)]
    public void Speech_factual_claims_are_check_worthy(string fragment, ClaimKind kind)
    {
        var claim = Find(Extractor.ScoreSentences(Text("speech-transcript.txt")), fragment);

        Assert.True(claim.CheckWorthy, $"Not check-worthy ({claim.Score:F2}): {claim.Text}");
        Assert.Equal(kind, claim.Kind);
    }

    [Theory]
    [InlineData("Thank you.")]
    [InlineData("(Applause.)")]
    [InlineData("What kind of state do we want to leave to our children?")]
    [InlineData("I believe we should be bold.")]
    [InlineData("We must be bold.")]
    [InlineData("I think they will follow our lead.")]
    [InlineData("God bless you, and God bless our great state.")]
    public void Speech_opinions_questions_and_applause_are_not_claims(string sentence)
    {
        var scored = Assert.Single(Extractor.ScoreSentences(Text("speech-transcript.txt")), s => s.Text == sentence);

        Assert.False(scored.CheckWorthy, $"Check-worthy ({scored.Score:F2}): {scored.Text}");
    }

    [Fact]
    public void Speech_opinion_is_explained_as_an_opinion()
    {
        var scored = Find(Extractor.ScoreSentences(Text("speech-transcript.txt")), "I believe we should be bold.");

        Assert.Contains(scored.Reasons, r => r.StartsWith("expresses an opinion", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.2 million acres across the state", "the state Department of Forestry")]
    [InlineData("2,340 structures", "Fire officials")]
    [InlineData("85% containment", "Valley Fire Dept (@ValleyFireDept)")]
    [InlineData("rose 22%", "the health department")]
    public void Html_article_claims_come_from_the_article_body(string fragment, string attribution)
    {
        var claim = Find(Extractor.ScoreSentences(Text("news-article.html")), fragment);

        Assert.True(claim.CheckWorthy, $"Not check-worthy ({claim.Score:F2}): {claim.Text}");
        Assert.Equal(attribution, claim.Attribution);
    }

    [Fact]
    public void Html_article_question_is_not_a_claim()
    {
        var scored = Assert.Single(Extractor.ScoreSentences(Text("news-article.html")), s => s.Text == "Is the state ready for next year?");

        Assert.False(scored.CheckWorthy);
    }

    [Fact]
    public void Pdf_report_claims_and_title()
    {
        var text = DocumentReader.Read(PdfReport(), "report.pdf").Text;
        var sentences = Extractor.ScoreSentences(text);

        AssertSpans(text, sentences);
        var admissions = Find(sentences, "48,200 hospital admissions");
        Assert.True(admissions.CheckWorthy);
        Assert.Equal("the Office of Health Statistics", admissions.Attribution);
        Assert.EndsWith("according to the Office of Health Statistics.", admissions.Text, StringComparison.Ordinal);
        Assert.True(Find(sentences, "from 18 weeks to 14 weeks").CheckWorthy);
        Assert.True(Find(sentences, "nurses rose by 1,150").CheckWorthy);
        Assert.Equal(SegmentType.Heading, Assert.Single(sentences, s => s.Text == "Regional Health Report 2024").Segment);
        Assert.False(Find(sentences, "We hope that next year").CheckWorthy);
    }

    [Theory]
    [InlineData("The unemployment rate was 4.1% in March, the bureau said.", ClaimKind.Statistic)]
    [InlineData("Exports to China are now larger than exports to Canada.", ClaimKind.Comparison)]
    [InlineData("\"We will never give up on this city,\" the mayor said.", ClaimKind.Quote)]
    [InlineData("The outage was caused by a software update.", ClaimKind.Causal)]
    [InlineData("The central bank expects growth to slow next year.", ClaimKind.Prediction)]
    [InlineData("Police arrested the suspect on Friday.", ClaimKind.Event)]
    [InlineData("The city council meets in the old town hall.", ClaimKind.Statement)]
    public void Kind_follows_the_strongest_cue(string sentence, ClaimKind kind)
    {
        var scored = Assert.Single(Extractor.ScoreSentences(sentence));

        Assert.Equal(kind, scored.Kind);
    }

    [Theory]
    [InlineData("At least 22 hospitals have been destroyed.", false)]
    [InlineData("More than 1,057 health workers have been killed.", false)]
    [InlineData("Exports to China are now larger than exports to Canada.", true)]
    public void Bounds_on_a_figure_are_not_comparisons(string sentence, bool compares)
    {
        var scored = Assert.Single(Extractor.ScoreSentences(sentence));

        Assert.Equal(compares, scored.Reasons.Contains("compares quantities"));
    }

    [Fact]
    public void Opinions_questions_and_hedges_score_below_the_same_fact_stated_plainly()
    {
        var fact = Extractor.ScoreSentences("Unemployment fell to 3.8 percent in 2024.")[0].Score;

        Assert.True(Extractor.ScoreSentences("I think unemployment should fall in 2024.")[0].Score < fact);
        Assert.True(Extractor.ScoreSentences("Did unemployment fall in 2024?")[0].Score < fact);
        Assert.True(Extractor.ScoreSentences("Unemployment might perhaps fall a little in 2024.")[0].Score < fact);
    }

    [Fact]
    public void Lines_mode_keeps_each_line_whole_and_indexes_the_input()
    {
        const string input = "First line. It has two sentences.\n\n  Second line without a stop\nThird: 445,581 people.\n";
        var sentences = Extractor.ScoreLines(input);

        Assert.Equal(["First line. It has two sentences.", "Second line without a stop", "Third: 445,581 people."], sentences.Select(s => s.Text));
        AssertSpans(input, sentences);
        Assert.All(sentences, s => Assert.Equal(SegmentType.Sentence, s.Segment));
    }

    [Fact]
    public void Empty_and_blank_text_have_no_sentences()
    {
        Assert.Empty(Extractor.ScoreSentences(""));
        Assert.Empty(Extractor.ScoreSentences(" \n\n \t "));
        Assert.Empty(Extractor.ScoreLines("\n\n"));
    }

    [Fact]
    public void Concurrent_extraction_gives_the_same_result_as_sequential()
    {
        var text = Text("seed-article.txt");
        var expected = Extractor.ScoreSentences(text).Select(s => (s.Start, s.Score, s.Attribution)).ToList();

        var results = new List<(int, double, string?)>[8];
        Parallel.For(0, results.Length, i => results[i] = Extractor.ScoreSentences(text).Select(s => (s.Start, s.Score, s.Attribution)).ToList());

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
