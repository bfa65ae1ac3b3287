using System.Globalization;
using System.Text;

namespace FactCheck.Extraction;

/// <summary>Training settings. The defaults produce the shipped model; the seed makes every run identical.</summary>
public sealed record TrainingOptions(int HashBits = 18, int Epochs = 10, double LearningRate = 0.2, double L2 = 1e-6, ulong Seed = 20261125, int ThresholdFolds = 3);

/// <summary>Precision, recall and F1 of the check-worthy class at a threshold, and the threshold-free average precision.</summary>
public sealed record ClassificationMetrics(double Precision, double Recall, double F1, double AveragePrecision, double Threshold);

/// <summary>Metrics of each fold and their mean.</summary>
public sealed record CrossValidationResult(FeatureSet FeatureSet, IReadOnlyList<ClassificationMetrics> Folds, ClassificationMetrics Mean);

/// <summary>What <c>factcheck train</c> reports: the data, both models' cross-validation, and the trained model.</summary>
public sealed record TrainingReport(int Sentences, int CheckWorthy, CrossValidationResult? Model, CrossValidationResult? Baseline, CheckWorthinessModel Trained)
{
    /// <summary>Cross-validation of the embedding-only and hybrid models, when training had embeddings.</summary>
    public IReadOnlyList<CrossValidationResult> EmbeddingModels { get; init; } = [];

    public static string Name(FeatureSet set) => set switch
    {
        FeatureSet.Full => "current",
        FeatureSet.Baseline => "n-gram",
        FeatureSet.Embedding => "embedding",
        _ => "hybrid",
    };

    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sentences: {Sentences} ({CheckWorthy} check-worthy, {(double)CheckWorthy / Sentences:P1})");
        if (Model is not null && Baseline is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Model.Folds.Count}-fold cross-validation grouped by debate, check-worthy class (mean of folds):");
            text.AppendLine("model      precision  recall  F1      avg-precision");
            foreach (var result in new[] { Model, Baseline }.Concat(EmbeddingModels))
            {
                var m = result.Mean;
                var name = Name(result.FeatureSet);
                text.AppendLine(CultureInfo.InvariantCulture, $"{name,-10} {m.Precision,9:F3}  {m.Recall,6:F3}  {m.F1,6:F3}  {m.AveragePrecision,13:F3}");
            }
        }
        var hybridThreshold = Trained.Hybrid is { } hybrid ? string.Create(CultureInfo.InvariantCulture, $"; hybrid threshold {hybrid.Threshold:F3}") : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"Trained model: threshold {Trained.Threshold:F3}{hybridThreshold}");
        return text.ToString();
    }
}

/// <summary>
/// Logistic regression trained by stochastic gradient descent with AdaGrad step sizes and L2
/// regularisation. Single-threaded with a seeded shuffle, so the same data gives the same weights
/// bit for bit. The decision threshold is picked to maximise F1 on out-of-fold predictions of the
/// training data, never on the data being evaluated.
/// </summary>
public static class ModelTrainer
{
    private readonly record struct Example(int[] Indices, float[] Values, bool Label, string? Group);

    /// <summary>
    /// Trains the fast model and, given <paramref name="embeddings"/> (data.Count × 384, row per sentence,
    /// from <see cref="SentenceEmbedder"/>), the hybrid one, which the written file carries as well.
    /// </summary>
    public static TrainingReport Run(IReadOnlyList<LabelledSentence> data, int folds, TrainingOptions options, float[]? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var positives = data.Count(s => s.CheckWorthy);
        if (positives == 0 || positives == data.Count)
            throw new InvalidDataException("Training needs both check-worthy and other sentences.");
        CrossValidationResult? model = null, baseline = null;
        if (folds >= 2)
        {
            model = CrossValidate(data, FeatureSet.Full, folds, options);
            baseline = CrossValidate(data, FeatureSet.Baseline, folds, options);
        }
        var trained = Train(data, FeatureSet.Full, options);
        if (embeddings is null)
            return new TrainingReport(data.Count, positives, model, baseline, trained);
        var embeddingModels = folds >= 2
            ? new[] { FeatureSet.Embedding, FeatureSet.Hybrid }.Select(set => CrossValidate(data, set, folds, options, embeddings)).ToList()
            : [];
        return new TrainingReport(data.Count, positives, model, baseline, trained.WithHybrid(Train(data, FeatureSet.Hybrid, options, embeddings)))
        {
            EmbeddingModels = embeddingModels,
        };
    }

    /// <summary>
    /// Embeds every training sentence with the packaged model, reusing <paramref name="cachePath"/> when it
    /// holds the embeddings of exactly these sentences (a SHA-256 of the texts is stored with them).
    /// </summary>
    public static float[] Embed(IReadOnlyList<LabelledSentence> data, SentenceEmbedder embedder, string? cachePath = null)
    {
        var key = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', data.Select(s => s.Text))));
        var values = new float[data.Count * SentenceEmbedder.Dimension];
        if (cachePath is not null && File.Exists(cachePath))
        {
            var cached = File.ReadAllBytes(cachePath);
            if (cached.Length == key.Length + values.Length * 4 && cached.AsSpan(0, key.Length).SequenceEqual(key))
            {
                Buffer.BlockCopy(cached, key.Length, values, 0, values.Length * 4);
                return values;
            }
        }
        const int Chunk = 512;
        for (var start = 0; start < data.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, data.Count - start);
            embedder.Embed(data.Skip(start).Take(count).Select(s => s.Text).ToArray(), values.AsSpan(start * SentenceEmbedder.Dimension, count * SentenceEmbedder.Dimension));
        }
        if (cachePath is not null)
        {
            var bytes = new byte[key.Length + values.Length * 4];
            key.CopyTo(bytes, 0);
            Buffer.BlockCopy(values, 0, bytes, key.Length, values.Length * 4);
            File.WriteAllBytes(cachePath, bytes);
        }
        return values;
    }

    /// <summary>Trains on the CSV at <paramref name="dataPath"/>, writes the model to <paramref name="outputPath"/> and reports cross-validation.</summary>
    public static TrainingReport TrainToFile(string dataPath, string outputPath, int folds, TrainingOptions options, SentenceEmbedder? embedder = null, string? embeddingCache = null)
    {
        var data = ClaimBusterDataset.Load(dataPath);
        var report = Run(data, folds, options, embedder is null ? null : Embed(data, embedder, embeddingCache));
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        using var file = File.Create(outputPath);
        report.Trained.Save(file);
        return report;
    }

    public static CheckWorthinessModel Train(IReadOnlyList<LabelledSentence> data, FeatureSet featureSet, TrainingOptions options, float[]? embeddings = null)
    {
        var examples = Featurize(data, featureSet, options.HashBits, embeddings);
        var threshold = ChooseThreshold(examples, featureSet, options);
        return Fit(examples, featureSet, options, threshold);
    }

    public static CrossValidationResult CrossValidate(IReadOnlyList<LabelledSentence> data, FeatureSet featureSet, int folds, TrainingOptions options, float[]? embeddings = null)
    {
        var examples = Featurize(data, featureSet, options.HashBits, embeddings);
        var assignment = AssignFolds(examples, folds, options.Seed);
        var results = new List<ClassificationMetrics>(folds);
        for (var fold = 0; fold < folds; fold++)
        {
            var training = Select(examples, assignment, fold, inFold: false);
            var test = Select(examples, assignment, fold, inFold: true);
            var threshold = ChooseThreshold(training, featureSet, options);
            var model = Fit(training, featureSet, options, threshold);
            var scores = test.Select(e => Score(model, e)).ToArray();
            results.Add(Evaluate(scores, test.Select(e => e.Label).ToArray(), threshold));
        }
        var mean = new ClassificationMetrics(
            results.Average(r => r.Precision), results.Average(r => r.Recall), results.Average(r => r.F1),
            results.Average(r => r.AveragePrecision), results.Average(r => r.Threshold));
        return new CrossValidationResult(featureSet, results, mean);
    }

    /// <summary>Precision, recall, F1 at <paramref name="threshold"/> and average precision of the ranking.</summary>
    public static ClassificationMetrics Evaluate(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) truePositives++;
            else if (predicted) falsePositives++;
            else if (labels[i]) falseNegatives++;
        }
        var precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 0 : (double)truePositives / (truePositives + falseNegatives);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassificationMetrics(precision, recall, f1, AveragePrecision(scores, labels), threshold);
    }

    /// <summary>Mean of the precision at each check-worthy sentence's rank (ties ordered by position, for determinism).</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i);
        int seen = 0, hits = 0;
        double sum = 0;
        foreach (var i in order)
        {
            seen++;
            if (!labels[i])
                continue;
            hits++;
            sum += (double)hits / seen;
        }
        return hits == 0 ? 0 : sum / hits;
    }

    private static Example[] Featurize(IReadOnlyList<LabelledSentence> data, FeatureSet featureSet, int hashBits, float[]? embeddings)
    {
        if (Featurizer.UsesEmbedding(featureSet) && (embeddings is null || embeddings.Length != data.Count * SentenceEmbedder.Dimension))
            throw new ArgumentException($"{featureSet} needs one embedding per sentence.", nameof(embeddings));
        var vector = new FeatureVector();
        var examples = new Example[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var embedding = Featurizer.UsesEmbedding(featureSet) ? embeddings.AsSpan(i * SentenceEmbedder.Dimension, SentenceEmbedder.Dimension) : default;
            Featurizer.Featurize(SentenceAnalysis.Analyze(data[i].Text), featureSet, hashBits, vector, embedding);
            examples[i] = new Example([.. vector.Indices], [.. vector.Values], data[i].CheckWorthy, data[i].Group);
        }
        return examples;
    }

    private static double Score(CheckWorthinessModel model, Example example)
    {
        var vector = new FeatureVector();
        for (var i = 0; i < example.Indices.Length; i++)
            vector.Add(example.Indices[i], example.Values[i]);
        return model.Score(vector);
    }

    /// <summary>
    /// Folds by group when the sentences have one (a debate is never split between training and test:
    /// groups are shuffled and each goes to the fold with the fewest sentences so far); otherwise
    /// stratified: check-worthy and other sentences shuffled separately and dealt round-robin.
    /// </summary>
    private static int[] AssignFolds(Example[] examples, int folds, ulong seed)
    {
        var assignment = new int[examples.Length];
        var random = new SplitMix64(seed ^ (ulong)folds);
        var groups = examples.Select(e => e.Group).Distinct().ToList();
        if (groups.Count >= folds && !groups.Contains(null))
        {
            var names = groups.Select(g => g!).Order(StringComparer.Ordinal).ToArray();
            var order = Enumerable.Range(0, names.Length).ToArray();
            random.Shuffle(order);
            var sizes = examples.GroupBy(e => e.Group!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var foldOfGroup = new Dictionary<string, int>(StringComparer.Ordinal);
            var filled = new int[folds];
            foreach (var g in order)
            {
                var fold = Array.IndexOf(filled, filled.Min());
                foldOfGroup[names[g]] = fold;
                filled[fold] += sizes[names[g]];
            }
            for (var i = 0; i < examples.Length; i++)
                assignment[i] = foldOfGroup[examples[i].Group!];
            return assignment;
        }
        foreach (var label in new[] { true, false })
        {
            var members = Enumerable.Range(0, examples.Length).Where(i => examples[i].Label == label).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
                assignment[members[k]] = k % folds;
        }
        return assignment;
    }

    private static Example[] Select(Example[] examples, int[] assignment, int fold, bool inFold) =>
        examples.Where((_, i) => assignment[i] == fold == inFold).ToArray();

    /// <summary>The threshold that maximises F1 on out-of-fold predictions of the training data.</summary>
    private static double ChooseThreshold(Example[] examples, FeatureSet featureSet, TrainingOptions options)
    {
        var folds = options.ThresholdFolds;
        var assignment = AssignFolds(examples, folds, options.Seed + 1);
        var scores = new double[examples.Length];
        for (var fold = 0; fold < folds; fold++)
        {
            var model = Fit(Select(examples, assignment, fold, inFold: false), featureSet, options, 0.5);
            for (var i = 0; i < examples.Length; i++)
            {
                if (assignment[i] == fold)
                    scores[i] = Score(model, examples[i]);
            }
        }
        var order = Enumerable.Range(0, examples.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var positives = examples.Count(e => e.Label);
        int truePositives = 0;
        double bestF1 = -1, bestThreshold = 0.5;
        for (var k = 0; k < order.Length; k++)
        {
            if (examples[order[k]].Label)
                truePositives++;
            // Only cut between distinct scores: a threshold cannot separate equal scores.
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]])
                continue;
            var f1 = 2.0 * truePositives / (k + 1 + positives);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestThreshold = k + 1 < order.Length ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]];
            }
        }
        return bestThreshold;
    }

    private static CheckWorthinessModel Fit(Example[] examples, FeatureSet featureSet, TrainingOptions options, double threshold)
    {
        var dimension = Featurizer.Dimension(options.HashBits, featureSet);
        var weights = new double[dimension];
        var squaredGradients = new double[dimension];
        double bias = 0, biasSquaredGradient = 0;
        const double Epsilon = 1e-6;
        var order = Enumerable.Range(0, examples.Length).ToArray();
        var random = new SplitMix64(options.Seed);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var example = examples[index];
                var z = bias;
                for (var i = 0; i < example.Indices.Length; i++)
                    z += weights[example.Indices[i]] * example.Values[i];
                var gradient = CheckWorthinessModel.Sigmoid(z) - (example.Label ? 1 : 0);
                for (var i = 0; i < example.Indices.Length; i++)
                {
                    var j = example.Indices[i];
                    var g = gradient * example.Values[i] + options.L2 * weights[j];
                    squaredGradients[j] += g * g;
                    weights[j] -= options.LearningRate * g / (Math.Sqrt(squaredGradients[j]) + Epsilon);
                }
                biasSquaredGradient += gradient * gradient;
                bias -= options.LearningRate * gradient / (Math.Sqrt(biasSquaredGradient) + Epsilon);
            }
        }
        var stored = new float[dimension];
        for (var j = 0; j < dimension; j++)
            stored[j] = (float)weights[j];
        return new CheckWorthinessModel(featureSet, options.HashBits, stored, (float)bias, threshold);
    }

    /// <summary>A small, fixed pseudo-random generator (SplitMix64): its sequence never changes between runtimes.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public void Shuffle(int[] items)
        {
            for (var i = items.Length - 1; i > 0; i--)
            {
                var j = (int)(Next() % (ulong)(i + 1));
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        private ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}
