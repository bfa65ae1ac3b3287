using System.Text;

namespace FactCheck.Extraction;

/// <summary>
/// Logistic regression over explainable and hashed n-gram features. Weights are stored sparsely
/// (only features seen in training are non-zero) so the file stays small; the format is written
/// byte for byte the same for the same weights, so retraining on the same data reproduces the file.
/// </summary>
public sealed class CheckWorthinessModel
{
    public const string ResourceName = "FactCheck.Extraction.Model.checkworthy.bin";
    private const uint Magic = 0x4D434346; // "FCCM"
    private const byte FormatVersion = 1;

    private readonly float[] weights;

    internal CheckWorthinessModel(FeatureSet featureSet, int hashBits, float[] weights, float bias, double threshold)
    {
        if (weights.Length != Featurizer.Dimension(hashBits))
            throw new ArgumentException("Weight count does not match the hash size.", nameof(weights));
        FeatureSet = featureSet;
        HashBits = hashBits;
        this.weights = weights;
        Bias = bias;
        Threshold = threshold;
    }

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
            if (reader.ReadUInt32() != Magic || reader.ReadByte() != FormatVersion)
                throw new InvalidDataException("Not a FactCheck check-worthiness model (or a newer format).");
            var featureSet = (FeatureSet)reader.ReadByte();
            int hashBits = reader.ReadByte();
            if (hashBits is < 8 or > 24 || featureSet is not (FeatureSet.Baseline or FeatureSet.Full))
                throw new InvalidDataException("Corrupt model header.");
            var threshold = reader.ReadDouble();
            var bias = reader.ReadSingle();
            var weights = new float[Featurizer.Dimension(hashBits)];
            var count = reader.ReadInt32();
            var index = -1;
            for (var i = 0; i < count; i++)
            {
                index += reader.Read7BitEncodedInt() + 1;
                weights[index] = reader.ReadSingle();
            }
            return new CheckWorthinessModel(featureSet, hashBits, weights, bias, threshold);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("The model file is truncated or corrupt.", e);
        }
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
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
