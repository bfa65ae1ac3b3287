using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class ModelTrainerTests
{
    private static readonly TrainingOptions SmallOptions = new(HashBits: 12, Epochs: 5);

    [Fact]
    public void Training_twice_on_the_same_data_writes_the_same_bytes()
    {
        var data = TrainingData.Sentences();

        Assert.Equal(Serialize(ModelTrainer.Train(data, FeatureSet.Full, SmallOptions)), Serialize(ModelTrainer.Train(data, FeatureSet.Full, SmallOptions)));
    }

    [Fact]
    public void A_different_seed_gives_a_different_model()
    {
        var data = TrainingData.Sentences();

        Assert.NotEqual(Serialize(ModelTrainer.Train(data, FeatureSet.Full, SmallOptions)), Serialize(ModelTrainer.Train(data, FeatureSet.Full, SmallOptions with { Seed = 7 })));
    }

    [Fact]
    public void A_trained_model_separates_facts_from_opinions()
    {
        var model = ModelTrainer.Train(TrainingData.Sentences(), FeatureSet.Full, SmallOptions);
        var extractor = new ClaimExtractor(model);

        Assert.True(extractor.ScoreSentences("Poverty fell 2.5 percent to 310,200 in 2004, the census office said.")[0].CheckWorthy);
        Assert.False(extractor.ScoreSentences("I think we should do better for our families.")[0].CheckWorthy);
    }

    [Fact]
    public void Cross_validation_reports_every_fold_for_model_and_baseline()
    {
        var report = ModelTrainer.Run(TrainingData.Sentences(), 4, SmallOptions);

        Assert.Equal(240, report.Sentences);
        Assert.Equal(80, report.CheckWorthy);
        Assert.Equal(4, report.Model!.Folds.Count);
        Assert.Equal(FeatureSet.Baseline, report.Baseline!.FeatureSet);
        // The synthetic classes are separable; a model that did not learn would sit near 0.33 precision.
        Assert.True(report.Model.Mean.F1 > 0.9, $"F1 {report.Model.Mean.F1}");
        Assert.True(report.Model.Mean.AveragePrecision > 0.9, $"AP {report.Model.Mean.AveragePrecision}");
        Assert.Contains("current", report.Format(), StringComparison.Ordinal);
        Assert.Contains("n-gram", report.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_cross_validation_only_the_model_is_trained()
    {
        var report = ModelTrainer.Run(TrainingData.Sentences(), 0, SmallOptions);

        Assert.Null(report.Model);
        Assert.Null(report.Baseline);
        Assert.Equal(FeatureSet.Full, report.Trained.FeatureSet);
    }

    [Fact]
    public void One_class_data_cannot_be_trained_on()
    {
        var data = TrainingData.Sentences().Where(s => !s.CheckWorthy).ToList();

        Assert.Throws<InvalidDataException>(() => ModelTrainer.Run(data, 0, SmallOptions));
    }

    [Fact]
    public void Evaluate_counts_precision_recall_and_f1_at_the_threshold()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.4, 0.3, 0.1];
        bool[] labels = [true, false, true, true, false, false];

        var metrics = ModelTrainer.Evaluate(scores, labels, 0.5);

        Assert.Equal(2.0 / 3, metrics.Precision, 9);
        Assert.Equal(2.0 / 3, metrics.Recall, 9);
        Assert.Equal(2.0 / 3, metrics.F1, 9);
    }

    [Fact]
    public void Average_precision_averages_precision_at_each_positive()
    {
        // Positives at ranks 1, 3 and 4: (1/1 + 2/3 + 3/4) / 3.
        double[] scores = [0.9, 0.8, 0.7, 0.4, 0.3];
        bool[] labels = [true, false, true, true, false];

        Assert.Equal((1 + 2.0 / 3 + 3.0 / 4) / 3, ModelTrainer.AveragePrecision(scores, labels), 9);
        Assert.Equal(1, ModelTrainer.AveragePrecision([0.9, 0.1], [true, false]), 9);
    }

    [Fact]
    public void Train_to_file_writes_a_loadable_model()
    {
        var directory = Directory.CreateTempSubdirectory("factcheck-train");
        try
        {
            var data = Path.Combine(directory.FullName, "data.csv");
            File.WriteAllText(data, TrainingData.Csv());
            var output = Path.Combine(directory.FullName, "model", "checkworthy.bin");

            var report = ModelTrainer.TrainToFile(data, output, 0, SmallOptions);

            using var file = File.OpenRead(output);
            var loaded = CheckWorthinessModel.Load(file);
            Assert.Equal(report.Trained.Threshold, loaded.Threshold);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static byte[] Serialize(CheckWorthinessModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
