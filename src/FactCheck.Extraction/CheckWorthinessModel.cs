using System.Text;

namespace FactCheck.Extraction;

/// <summary>
/// Logistic regression over explainable and hashed n-gram features (the fast score), optionally carrying
/// a second, <see cref="Hybrid"/> regression that adds the sentence embedding (the score once the
/// embedding pass has run). Weights are stored sparsely
/// (only features seen in training are non-zero) so the file stays small; the format is written
/// byte for byte the same for the same weights, so retraining on the same data reproduces the file.
/// </summary>
public sealed class CheckWorthinessModel
{
    public const string ResourceName = "FactCheck.Extraction.Model.checkworthy.bin";
    private const uint Magic = 0x4D434346; // "FCCM"
    private const byte FormatVersion = 2; // 2 adds the hybrid model after the fast one; 1 is still read

    private readonly float[] weights;

    internal CheckWorthinessModel(FeatureSet featureSet, int hashBits, float[] weights, float bias, double threshold, CheckWorthinessModel? hybrid = null)
    {
        if (weights.Length != Featurizer.Dimension(hashBits, featureSet))
            throw new ArgumentException("Weight count does not match the hash size.", nameof(weights));
        FeatureSet = featureSet;
        HashBits = hashBits;
        this.weights = weights;
        Bias = bias;
        Threshold = threshold;
        if (hybrid is not null && hybrid.FeatureSet != FeatureSet.Hybrid)
            throw new ArgumentException("The second model must be a hybrid one.", nameof(hybrid));
        Hybrid = hybrid;
    }

    /// <summary>The model with the sentence embedding, when this file carries one.</summary>
    public CheckWorthinessModel? Hybrid { get; }

    /// <summary>This model with <paramref name="hybrid"/> as its embedding model (what `factcheck train` writes).</summary>
    public CheckWorthinessModel WithHybrid(CheckWorthinessModel hybrid) => new(FeatureSet, HashBits, weights, Bias, Threshold, hybrid);

    public FeatureSet FeatureSet { get; }
    public int HashBits { get; }
    public float Bias { get; }

    /// <summary>Scores at or above this are check-worthy: chosen in training to maximise F1 on held-out folds.</summary>
    public double Threshold { get; }

    internal float ExplainableWeight(ExplainableFeature feature) => weights[(int)feature];

    internal double Score(FeatureVector vector)
    {
        double z = Bias;
        var indices = vector.Indices;
        var values = vector.Values;
        for (var i = 0; i < indices.Count; i++)
            z += weights[indices[i]] * values[i];
        return Sigmoid(z);
    }

    /// <summary>The part of the logit that comes from the embedding's slots (0 for models without one).</summary>
    internal double EmbeddingLogit(FeatureVector vector)
    {
        if (!Featurizer.UsesEmbedding(FeatureSet))
            return 0;
        var offset = Featurizer.Dimension(HashBits);
        double z = 0;
        for (var i = 0; i < vector.Indices.Count; i++)
        {
            if (vector.Indices[i] >= offset)
                z += weights[vector.Indices[i]] * vector.Values[i];
        }
        return z;
    }

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Loads the model embedded in this assembly (trained by <c>factcheck train</c>).</summary>
    public static CheckWorthinessModel LoadEmbedded()
    {
        using var stream = typeof(CheckWorthinessModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The check-worthiness model resource {ResourceName} is missing; run `factcheck train` to create src/FactCheck.Extraction/Model/checkworthy.bin.");
        return Load(stream);
    }

    public static CheckWorthinessModel Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadUInt32();
            var version = reader.ReadByte();
            if (magic != Magic || version is not (1 or FormatVersion))
                throw new InvalidDataException("Not a FactCheck check-worthiness model (or a newer format).");
            var fast = ReadBlock(reader);
            if (version == 1 || !reader.ReadBoolean())
                return fast;
            return fast.WithHybrid(ReadBlock(reader));
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("The model file is truncated or corrupt.", e);
        }
    }

    private static CheckWorthinessModel ReadBlock(BinaryReader reader)
    {
        var featureSet = (FeatureSet)reader.ReadByte();
        int hashBits = reader.ReadByte();
        if (hashBits is < 8 or > 24 || !Enum.IsDefined(featureSet))
            throw new InvalidDataException("Corrupt model header.");
        var threshold = reader.ReadDouble();
        var bias = reader.ReadSingle();
        var weights = new float[Featurizer.Dimension(hashBits, featureSet)];
        var count = reader.ReadInt32();
        var index = -1;
        for (var i = 0; i < count; i++)
        {
            index += reader.Read7BitEncodedInt() + 1;
            weights[index] = reader.ReadSingle();
        }
        return new CheckWorthinessModel(featureSet, hashBits, weights, bias, threshold);
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        WriteBlock(writer);
        writer.Write(Hybrid is not null);
        Hybrid?.WriteBlock(writer);
    }

    private void WriteBlock(BinaryWriter writer)
    {
        writer.Write((byte)FeatureSet);
        writer.Write((byte)HashBits);
        writer.Write(Threshold);
        writer.Write(Bias);
        writer.Write(weights.Count(w => w != 0));
        var previous = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] == 0)
                continue;
            writer.Write7BitEncodedInt(i - previous - 1);
            writer.Write(weights[i]);
            previous = i;
        }
    }
}
