using FactCheck.Core.Domain;
using FactCheck.Core.Publishing;

namespace FactCheck.Core.Tests.Publishing;

public sealed class ClaimReviewBuilderTests
{
    private static PublishedVerdict Verdict(Rating rating) => new(
        "killed-figure-7", 7, "445,581 people were killed", "Gaza's Ministry of Health", "Hamas confirms talks", "https://example.org/article",
        "Palestine Chronicle", new DateTimeOffset(2025, 1, 4, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow, rating, "The figure is wrong.",
        new DateTimeOffset(2025, 2, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 2, 1, 10, 0, 0, TimeSpan.Zero), 1, [], [], []);

    private static readonly OrganizationOptions Organization = new() { Name = "FactCheck Desk", Url = "https://desk.example/", LogoUrl = "https://desk.example/logo.png" };

    [Fact]
    public void Carries_the_required_and_recommended_fields()
    {
        var json = ClaimReviewBuilder.Build(Verdict(Rating.False), Organization, new Uri("https://desk.example/"));

        Assert.Equal("https://schema.org", (string?)json["@context"]);
        Assert.Equal("ClaimReview", (string?)json["@type"]);
        Assert.Equal("https://desk.example/verdicts/killed-figure-7", (string?)json["url"]);
        Assert.Equal("445,581 people were killed", (string?)json["claimReviewed"]);
        Assert.Equal("2025-02-01", (string?)json["datePublished"]);
        Assert.Equal("FactCheck Desk", (string?)json["author"]!["name"]);
        Assert.Equal("https://desk.example/logo.png", (string?)json["author"]!["logo"]!["url"]);
        var rating = json["reviewRating"]!;
        Assert.Equal(1, (int?)rating["ratingValue"]);
        Assert.Equal(5, (int?)rating["bestRating"]);
        Assert.Equal(1, (int?)rating["worstRating"]);
        Assert.Equal("False", (string?)rating["alternateName"]);
        var claim = json["itemReviewed"]!;
        Assert.Equal("Claim", (string?)claim["@type"]);
        Assert.Equal("Gaza's Ministry of Health", (string?)claim["author"]!["name"]);
        Assert.Equal("2025-01-04", (string?)claim["datePublished"]);
        Assert.Equal("https://example.org/article", (string?)claim["appearance"]![0]!["url"]);
    }

    [Theory]
    [InlineData(Rating.True, 5, "True")]
    [InlineData(Rating.MostlyTrue, 4, "Mostly true")]
    [InlineData(Rating.Mixed, 3, "Mixed")]
    [InlineData(Rating.Misleading, 2, "Misleading")]
    [InlineData(Rating.False, 1, "False")]
    public void Ratings_map_to_the_five_point_scale(Rating rating, int value, string name)
    {
        var json = ClaimReviewBuilder.Build(Verdict(rating), Organization, new Uri("https://desk.example/"));
        Assert.Equal(value, (int?)json["reviewRating"]!["ratingValue"]);
        Assert.Equal(name, (string?)json["reviewRating"]!["alternateName"]);
    }

    [Fact]
    public void Unverifiable_has_no_rating_value_only_a_name()
    {
        var rating = ClaimReviewBuilder.Build(Verdict(Rating.Unverifiable), Organization, new Uri("https://desk.example/"))["reviewRating"]!.AsObject();
        Assert.False(rating.ContainsKey("ratingValue"));
        Assert.Equal("Unverifiable", (string?)rating["alternateName"]);
    }

    [Theory]
    [InlineData("Dr. Ana Lopez", "Person")]
    [InlineData("Ana Lopez", "Person")]
    [InlineData("Minister Yael Cohen", "Person")]
    [InlineData("Gaza's Ministry of Health", "Organization")]
    [InlineData("the Israeli army", "Organization")]
    [InlineData("UNICEF", "Organization")]
    [InlineData("Hamas officials", "Organization")]
    public void The_claimant_is_a_person_or_an_organization_by_its_name(string attribution, string type)
    {
        var verdict = Verdict(Rating.False) with { Attribution = attribution };
        var json = ClaimReviewBuilder.Build(verdict, Organization, new Uri("https://desk.example/"));
        Assert.Equal(type, (string?)json["itemReviewed"]!["author"]!["@type"]);
    }

    [Theory]
    [InlineData("Hamas officials", ClaimantType.Person, "Person")]
    [InlineData("Dr. Ana Lopez", ClaimantType.Organization, "Organization")]
    [InlineData("Dr. Ana Lopez", ClaimantType.Inferred, "Person")]
    public void The_lead_s_claimant_type_wins_over_the_guess_from_the_name(string attribution, ClaimantType type, string expected)
    {
        var verdict = Verdict(Rating.False) with { Attribution = attribution, ClaimantType = type };
        var json = ClaimReviewBuilder.Build(verdict, Organization, new Uri("https://desk.example/"));
        Assert.Equal(expected, (string?)json["itemReviewed"]!["author"]!["@type"]);
        Assert.Equal(attribution, (string?)json["itemReviewed"]!["author"]!["name"]);
    }

    [Fact]
    public void The_review_body_is_the_summary_as_plain_text_without_markdown()
    {
        var verdict = Verdict(Rating.False) with { Summary = "The toll was **halved**, see [the table](https://data.example/t).\n\n*Updated*." };
        var json = ClaimReviewBuilder.Build(verdict, Organization, new Uri("https://desk.example/"));
        Assert.Equal("The toll was halved, see the table. Updated.", (string?)json["reviewBody"]);
    }
}
