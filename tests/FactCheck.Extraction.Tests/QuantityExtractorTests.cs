using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class QuantityExtractorTests
{
    private const string SeedSentence = "According to Gaza’s Ministry of Health, at least 445,581 Palestinians have been killed, and 108,438 wounded in Israel’s ongoing genocide in Gaza starting on October 7, 2023.";

    [Fact]
    public void The_seed_sentence_states_a_death_toll_and_a_wounded_count_with_their_date_and_place()
    {
        var quantities = QuantityExtractor.Extract(SeedSentence);

        Assert.Equal(2, quantities.Count);
        Assert.Equal((445581.0, "445,581", "people", "killed"), (quantities[0].Value, quantities[0].Text, quantities[0].Unit, quantities[0].Measure));
        Assert.Equal((108438.0, "people", "wounded"), (quantities[1].Value, quantities[1].Unit, quantities[1].Measure));
        Assert.Equal("October 7, 2023", quantities[0].Date);
        Assert.Equal("Gaza", quantities[0].Place);
    }

    [Theory]
    [InlineData("Unemployment fell to 3.5% in 2019.", 3.5, "percent")]
    [InlineData("The bridge cost $2 billion.", 2e9, "USD")]
    [InlineData("The storm destroyed 2,000 homes.", 2000, "homes")]
    public void Percentages_money_and_counted_things_have_their_unit(string sentence, double value, string unit)
    {
        var quantity = Assert.Single(QuantityExtractor.Extract(sentence));

        Assert.Equal(value, quantity.Value);
        Assert.Equal(unit, quantity.Unit);
    }

    [Theory]
    [InlineData("The war began on October 7, 2023.")]
    [InlineData("He came 2nd in the race.")]
    [InlineData("We met 3 times.")]
    public void Dates_ordinals_and_bare_counts_are_not_quantities_to_cross_check(string sentence)
    {
        Assert.Empty(QuantityExtractor.Extract(sentence));
    }

    [Fact]
    public void A_toll_ten_times_another_conflicts_but_a_grown_toll_does_not()
    {
        var seed = QuantityExtractor.Extract(SeedSentence)[0];
        var wire = QuantityExtractor.Extract("The Gaza health ministry said 45,581 people have been killed in Gaza.")[0];
        var later = QuantityExtractor.Extract("The ministry said 46,006 people have been killed in Gaza.")[0];

        var daily = QuantityExtractor.Extract("The ministry said 40 people had been killed in Gaza in the previous 24 hours.")[0];
        Assert.True(QuantityExtractor.Conflicts(seed, wire));
        Assert.False(QuantityExtractor.Conflicts(wire, later));
        Assert.False(QuantityExtractor.Conflicts(wire, daily));
    }
}
