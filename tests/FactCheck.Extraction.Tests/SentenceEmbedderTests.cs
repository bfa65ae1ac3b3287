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
