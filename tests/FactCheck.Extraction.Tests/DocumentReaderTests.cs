using System.Text;
using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class DocumentReaderTests
{
    [Fact]
    public void Text_files_are_decoded_and_normalised()
    {
        var document = DocumentReader.Read(Encoding.UTF8.GetBytes("\uFEFF\u201CHello,\u201D she said.\r\n\r\n\r\nBye."), "note.txt");

        Assert.Equal("\"Hello,\" she said.\n\nBye.", document.Text);
        Assert.Equal(DocumentFormat.Text, document.Format);
    }

    [Theory]
    [InlineData(new byte[0], "empty.txt", "is empty")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }, "photo.txt", "binary")]
    [InlineData(new byte[] { 0x43, 0x61, 0x66, 0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65 }, "latin1.txt", "not UTF-8")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x20 }, "blank.txt", "no text")]
    [InlineData(new byte[] { 0x41 }, "data.xlsx", "not a supported file type")]
    public void Unreadable_files_give_a_message_for_the_user(byte[] content, string fileName, string message)
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(content, fileName));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(600)]
    public void Html_nested_deeper_than_the_limit_is_refused_by_name(int depth)
    {
        var page = "<html><body><article>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "Deep." + string.Concat(Enumerable.Repeat("</div>", depth)) + "</article></body></html>";

        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(Encoding.UTF8.GetBytes(page), "deep.html"));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_with_ordinary_nesting_and_many_paragraphs_is_read()
    {
        var paragraphs = string.Concat(Enumerable.Range(0, 3000).Select(i => $"<p>Paragraph {i} says the rate rose by {i} percent.<br><img src=x.png></p>"));
        var page = "<html><head><script>if (a < b) { x = '<div><div><div>'; }</script></head><body><article>"
            + string.Concat(Enumerable.Repeat("<div>", 60)) + paragraphs + string.Concat(Enumerable.Repeat("</div>", 60)) + "</article></body></html>";

        var document = DocumentReader.Read(Encoding.UTF8.GetBytes(page), "ok.html");

        Assert.Contains("Paragraph 2999 says", document.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, ">")]
    [InlineData(300, "- ")]
    public void A_markdown_nesting_bomb_is_refused_by_name(int depth, string marker)
    {
        var markdown = "# Title\n\n" + string.Concat(Enumerable.Repeat(marker, depth)) + "deep";

        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(Encoding.UTF8.GetBytes(markdown), "bomb.md"));

        Assert.Contains("too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_mark_a_binary_file_even_without_nul_bytes()
    {
        var bytes = Enumerable.Range(0, 400).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41)).ToArray();

        Assert.Contains("binary", Assert.Throws<DocumentReadException>(() => DocumentReader.Read(bytes, "x.txt")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_becomes_plain_paragraphs_without_markup_or_code()
    {
        const string markdown = "---\ntitle: ignored\n---\n# Water report\n\nLead levels **fell** by [78%](https://example.com) in `2024`.\n\n- First item\n- Second item\n\n```\nvar x = 1;\n```\n\n> Quoted text.\n";
        var document = DocumentReader.Read(Encoding.UTF8.GetBytes(markdown), "report.md");

        Assert.Equal("Water report\n\nLead levels fell by 78% in 2024.\n\n- First item\n\n- Second item\n\nQuoted text.", document.Text);
        Assert.Equal("Water report", document.Title);
        Assert.Equal(DocumentFormat.Markdown, document.Format);
    }

    [Fact]
    public void Html_article_body_leaves_out_scripts_navigation_ads_asides_and_footers()
    {
        var document = DocumentReader.Read(TestDocuments.Bytes("news-article.html"), "news-article.html");

        Assert.StartsWith("Wildfires burned 1.2 million acres this year, state says\n\nBy Maria Chen\n\nWildfires have burned", document.Text, StringComparison.Ordinal);
        foreach (var boilerplate in new[] { "SCRIPT-TEXT", "trackingSecret", "display: block", "Advertisement", "Sports", "Related", "Ten tips", "Share on", "All rights reserved", "Enable JavaScript" })
            Assert.DoesNotContain(boilerplate, document.Text, StringComparison.Ordinal);
        Assert.Contains("Crews have reached 85% containment on the Ridge Fire. Evacuation orders for Pine Hollow are lifted. pic.twitter.com/AbC123 \u2014 Valley Fire Dept (@ValleyFireDept) September 29, 2025", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_metadata_comes_from_meta_tags_and_json_ld()
    {
        var document = DocumentReader.Read(TestDocuments.Bytes("news-article.html"), "news-article.html");

        Assert.Equal("Wildfires burned 1.2 million acres this year, state says", document.Title);
        Assert.Equal("Maria Chen", document.Byline);
        Assert.Equal(new DateTimeOffset(2025, 9, 30, 8, 15, 0, TimeSpan.Zero), document.PublishedAt);
        Assert.Equal(DocumentFormat.Html, document.Format);
    }

    [Fact]
    public void Json_ld_alone_supplies_the_metadata()
    {
        const string html = """
            <html><head><title>Site</title><script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":["NewsArticle"],"headline":"Budget passes","author":[{"name":"A. Writer"},{"name":"B. Writer"}],"datePublished":"2025-02-01"}]}</script>
            <script type="application/ld+json">{ not json</script></head><body><p>The budget passed 52 to 48.</p></body></html>
            """;
        var document = DocumentReader.Read(Encoding.UTF8.GetBytes(html), "page.html");

        Assert.Equal("Budget passes", document.Title);
        Assert.Equal("A. Writer, B. Writer", document.Byline);
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), document.PublishedAt);
        Assert.Equal("The budget passed 52 to 48.", document.Text);
    }

    [Fact]
    public void Html_full_of_scripts_yields_no_script_text()
    {
        var scripts = string.Concat(Enumerable.Range(0, 200).Select(i => $"<script>var s{i} = 'SCRIPT{i}'; alert('x');</script><style>.c{i}{{color:red}}</style>"));
        var html = $"<html><body>{scripts}<p>Only this sentence is text.</p>{scripts}</body></html>";
        var document = DocumentReader.Read(Encoding.UTF8.GetBytes(html), "scripts.html");

        Assert.Equal("Only this sentence is text.", document.Text);
    }

    [Fact]
    public void Html_with_nothing_but_scripts_has_no_text()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read("<html><script>alert(1)</script></html>"u8, "empty.html"));

        Assert.Contains("has no text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_in_a_legacy_encoding_is_decoded_from_its_meta_charset()
    {
        var bytes = Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\u00E9 prices rose 4%.</p></body></html>");

        Assert.Equal("Caf\u00E9 prices rose 4%.", DocumentReader.Read(bytes, "latin.html").Text);
    }

    [Fact]
    public void Pdf_text_keeps_paragraphs_and_page_breaks_and_metadata()
    {
        var document = DocumentReader.Read(TestDocuments.PdfReport(), "report.pdf");

        Assert.StartsWith("Regional Health Report 2024\n\nThe region recorded 48,200 hospital admissions in 2024, up 6.5% from\n45,260 in 2023", document.Text, StringComparison.Ordinal);
        Assert.Contains("\n\f\nStaffing\n\nThe number of nurses rose by 1,150 to 21,900, the ministry said.", document.Text, StringComparison.Ordinal);
        Assert.Equal("Regional Health Report 2024", document.Title);
        Assert.Equal("Office of Health Statistics", document.Byline);
        Assert.Equal(DocumentFormat.Pdf, document.Format);
    }

    [Fact]
    public void Pdf_ligatures_are_stored_as_plain_letters_and_claim_spans_point_at_them()
    {
        var pdf = LigaturePdf.Build();
        Assert.Contains("\uFB01", UglyToad.PdfPig.PdfDocument.Open(pdf).GetPage(1).Text, StringComparison.Ordinal); // the file really holds the ligature

        var document = DocumentReader.Read(pdf, "floods.pdf");

        Assert.Equal("The final toll of the floods rose to 1,240 people, officials said on Friday.", document.Text);
        var claim = Assert.Single(ClaimExtractor.Default.ScoreSentences(document.Text));
        Assert.Equal("The final toll of the floods rose to 1,240 people, officials said on Friday.", document.Text.Substring(claim.Start, claim.Length));
        TestDocuments.AssertSpans(document.Text, [claim]);
    }

    [Fact]
    public void Malformed_pdf_gives_a_clear_message()
    {
        var truncated = TestDocuments.PdfReport()[..300];

        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(truncated, "broken.pdf"));
        Assert.Contains("not a readable PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_pdf_that_is_not_one_is_refused()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read("just some text"u8, "fake.pdf"));

        Assert.Contains("not a PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_pdf_asks_for_the_password_to_be_removed()
    {
        var error = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(EncryptedPdf(), "secret.pdf"));

        Assert.Contains("password-protected", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// PdfPig cannot write encrypted files, so this adds a standard-security /Encrypt dictionary to
    /// a built file's trailer (the trailer follows the cross-reference table, so no offset moves).
    /// Its owner and user keys match no password, as in a file protected by a real one.
    /// </summary>
    private static byte[] EncryptedPdf()
    {
        var pdf = Encoding.Latin1.GetString(TestDocuments.PdfReport());
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var dictionary = pdf.IndexOf("<<", trailer, StringComparison.Ordinal) + 2;
        var key = new string('A', 64);
        var encrypt = $"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <{key}> /U <{key}> >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ";
        return Encoding.Latin1.GetBytes(pdf.Insert(dictionary, encrypt));
    }
}
