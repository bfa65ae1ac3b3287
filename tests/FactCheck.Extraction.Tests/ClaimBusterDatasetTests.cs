using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class ClaimBusterDatasetTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        const string csv = "Sentence_id,Text,Verdict\n1,\"We spent $1,200, \"\"more\"\" than them.\",1\n2,\"Two\nlines\",-1\n3,Plain text,0\n";

        var sentences = ClaimBusterDataset.Read(new StringReader(csv));

        Assert.Equal(
            [new LabelledSentence("We spent $1,200, \"more\" than them.", true), new LabelledSentence("Two\nlines", false), new LabelledSentence("Plain text", false)],
            sentences);
    }

    [Fact]
    public void Missing_columns_are_reported()
    {
        var error = Assert.Throws<InvalidDataException>(() => ClaimBusterDataset.Read(new StringReader("Id,Sentence\n1,Text\n")));

        Assert.Contains("Text and a Verdict column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_verdicts_are_reported_with_their_row()
    {
        var error = Assert.Throws<InvalidDataException>(() => ClaimBusterDataset.Read(new StringReader("Text,Verdict\nA,1\nB,maybe\n")));

        Assert.Contains("Row 3", error.Message, StringComparison.Ordinal);
    }
}
