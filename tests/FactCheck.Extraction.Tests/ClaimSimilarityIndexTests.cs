using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class ClaimSimilarityIndexTests
{
    private static ClaimSimilarityIndex Index()
    {
        var index = new ClaimSimilarityIndex();
        index.Add(1, "At least 445,581 Palestinians have been killed and 108,438 wounded, according to Gaza's Ministry of Health.");
        index.Add(2, "At least 22 hospitals have been destroyed in Gaza.");
        index.Add(3, "Unemployment in the euro zone held at a record low of 6.3%.");
        index.Add(4, "The governor said crime fell by 14 percent last year.");
        return index;
    }

    [Fact]
    public void A_reworded_claim_finds_the_original()
    {
        var similar = Index().FindSimilar("Gaza's Health Ministry says 445581 Palestinians were killed and 108,438 were wounded.");

        Assert.Equal(1, similar[0].ClaimId);
        Assert.InRange(similar[0].Similarity, 0.6, 1);
    }

    [Fact]
    public void The_same_text_is_fully_similar()
    {
        var similar = Index().FindSimilar("At least 22 hospitals have been destroyed in Gaza.");

        Assert.Equal(new SimilarClaim(2, 1), similar[0] with { Similarity = Math.Round(similar[0].Similarity, 9) });
    }

    [Fact]
    public void Unrelated_claims_are_not_matched()
    {
        Assert.Empty(Index().FindSimilar("The central bank raised interest rates by half a point on Thursday."));
        Assert.Empty(Index().FindSimilar("the of and"));
    }

    [Fact]
    public void Results_are_ordered_and_limited()
    {
        var index = new ClaimSimilarityIndex();
        index.Add(10, "Crime fell by 14 percent last year in the state.");
        index.Add(11, "Crime fell by 14 percent last year.");
        index.Add(12, "Crime fell 14 percent last year, police said.");

        var similar = index.FindSimilar("Crime fell by 14 percent last year.", minSimilarity: 0.3, max: 2);

        Assert.Equal(2, similar.Count);
        Assert.Equal(11, similar[0].ClaimId);
        Assert.True(similar[0].Similarity >= similar[1].Similarity);
    }

    [Fact]
    public void Adding_an_id_again_replaces_its_text()
    {
        var index = Index();
        index.Add(2, "Inflation slowed to 2.1% in December.");

        Assert.Empty(index.FindSimilar("At least 22 hospitals have been destroyed in Gaza."));
        Assert.Equal(2, index.FindSimilar("Inflation slowed to 2.1 % in December")[0].ClaimId);
        Assert.Equal(4, index.Count);
    }

    [Fact]
    public void Lookups_run_concurrently_with_additions()
    {
        var index = Index();
        var failures = 0;

        Parallel.For(0, 2000, i =>
        {
            if (i % 10 == 0)
                index.Add(100 + i, $"Claim number {i} about hospitals in Gaza being destroyed.");
            else if (index.FindSimilar("At least 22 hospitals have been destroyed in Gaza.", 0.99).FirstOrDefault()?.ClaimId != 2)
                Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
        Assert.Equal(204, index.Count);
    }

    [Theory]
    [InlineData(LexicalScoring.Bm25)]
    [InlineData(LexicalScoring.TfIdfCosine)]
    public void Both_lexical_scorings_rank_the_copy_first_and_leave_unrelated_claims_out(LexicalScoring scoring)
    {
        var index = new ClaimSimilarityIndex(scoring);
        index.Add(1, "Crime fell by 14 percent last year in the state, the governor said in his annual address.");
        index.Add(2, "Crime fell by 14 percent last year.");
        index.Add(3, "Unemployment in the euro zone held at a record low of 6.3%.");

        var similar = index.FindSimilar("Crime fell by 14 percent last year.", minSimilarity: 0.01, max: 5);

        Assert.Equal([2, 1], similar.Select(s => s.ClaimId));
        Assert.Equal(1, similar[0].Similarity, 6);
        Assert.InRange(similar[1].Similarity, 0.01, 0.99); // the longer claim holds every word but is not the same claim
    }
}
