using System.Numerics.Tensors;
using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

/// <summary>These run the real packaged model (snowflake-arctic-embed-xs), never a stub.</summary>
public sealed class SentenceEmbedderTests
{
    private static float Cosine(float[] a, float[] b) => TensorPrimitives.Dot(a, b);

    [Fact]
    public void A_paraphrase_is_closer_than_an_unrelated_claim()
    {
        var embedder = SentenceEmbedder.Shared;
        var claim = embedder.Embed("The health ministry says 45,581 people have been killed in Gaza since the war began.");
        var paraphrase = embedder.Embed("Gaza's health ministry reports that the war has killed 45,581 people.");
        var unrelated = embedder.Embed("Unemployment in Ohio fell to 4 percent last year.");

        Assert.True(Cosine(claim, paraphrase) > Cosine(claim, unrelated) + 0.1,
            $"paraphrase {Cosine(claim, paraphrase):F3}, unrelated {Cosine(claim, unrelated):F3}");
    }

    [Fact]
    public void Embeddings_are_unit_vectors_of_the_model_dimension()
    {
        var vector = SentenceEmbedder.Shared.Embed("Inflation reached 9.1 percent in June 2022.");

        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, TensorPrimitives.Norm(vector), 3);
    }

    [Fact]
    public void A_batch_gives_each_text_the_same_embedding_as_alone()
    {
        var embedder = SentenceEmbedder.Shared;
        string[] texts = ["Short one.", "A much longer sentence about the budget deficit, which grew by 300 billion dollars in 2020 alone.", "", "Taxes went up."];
        var batch = new float[texts.Length * SentenceEmbedder.Dimension];
        embedder.Embed(texts, batch);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = embedder.Embed(texts[i]);
            var row = batch.AsSpan(i * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension).ToArray();
            Assert.True(Cosine(alone, row) > 0.999, $"text {i}: {Cosine(alone, row)}");
        }
    }

    [Fact]
    public void The_shared_embedder_is_loaded_once()
    {
        Assert.Same(SentenceEmbedder.Shared, SentenceEmbedder.Shared);
        Assert.True(SentenceEmbedder.IsLoaded);
    }
}

public sealed class HybridSimilarityTests
{
    [Fact]
    public void The_int8_form_keeps_cosine_within_a_hundredth()
    {
        var embedder = SentenceEmbedder.Shared;
        var a = embedder.Embed("The deficit grew to 1.4 trillion dollars in 2009.");
        var b = embedder.Embed("In 2009 the budget deficit reached $1.4 trillion.");
        var exact = TensorPrimitives.Dot(a, b);
        var stored = TensorPrimitives.Dot(EmbeddingCodec.ToFloats(EmbeddingCodec.Encode(a)), EmbeddingCodec.ToFloats(EmbeddingCodec.Encode(b)));

        Assert.Equal(388, EmbeddingCodec.Encode(a).Length);
        Assert.InRange(stored - exact, -0.01, 0.01);
    }

    [Fact]
    public void A_paraphrase_with_few_shared_words_is_found_by_meaning()
    {
        var embedder = SentenceEmbedder.Shared;
        var index = new ClaimSimilarityIndex();
        string[] claims =
        [
            "Violent crime in American cities has doubled in ten years.",
            "The minimum wage has not risen since 2009.",
            "Our schools rank last among developed nations in math.",
        ];
        for (var i = 0; i < claims.Length; i++)
            index.Add(i, claims[i], embedder.Embed(claims[i]));
        const string Query = "Urban violence across the US is twice what it was a decade ago.";

        var byWords = index.FindSimilar(Query, 0.0, 1);
        var byMeaning = index.FindSimilar(Query, 0.0, 1, embedder.Embed(Query));

        Assert.True(byWords.Count == 0 || byWords[0].Similarity < 0.3);
        Assert.Equal(0, byMeaning[0].ClaimId);
    }

    [Fact]
    public void A_claim_without_an_embedding_is_still_matched_by_words_and_gains_one_later()
    {
        var embedder = SentenceEmbedder.Shared;
        var index = new ClaimSimilarityIndex();
        index.Add(7, "The ministry counted 45,581 killed in Gaza.");

        Assert.Equal(7, index.FindSimilar("The ministry counted 45581 killed in Gaza", 0.6, 1, embedder.Embed("x")).Single().ClaimId);
        Assert.True(index.SetEmbedding(7, EmbeddingCodec.Encode(embedder.Embed("The ministry counted 45,581 killed in Gaza."))));
        Assert.Equal(1, index.EmbeddedCount);
        index.Remove(7);
        Assert.Empty(index.FindSimilar("The ministry counted 45581 killed in Gaza", 0.0, 1, embedder.Embed("x")));
    }
}
