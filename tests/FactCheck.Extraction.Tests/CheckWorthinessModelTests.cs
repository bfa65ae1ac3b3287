using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class CheckWorthinessModelTests
{
    [Fact]
    public void The_embedded_model_is_the_full_feature_model_and_small()
    {
        var model = ClaimExtractor.Default.Model;
        using var stream = typeof(CheckWorthinessModel).Assembly.GetManifestResourceStream(CheckWorthinessModel.ResourceName);

        Assert.Equal(FeatureSet.Full, model.FeatureSet);
        Assert.InRange(model.Threshold, 0.05, 0.95);
        Assert.NotNull(stream);
        Assert.InRange(stream.Length, 1, 5 * 1024 * 1024);
    }

    [Fact]
    public void Saving_and_loading_keeps_every_score()
    {
        var model = ModelTrainer.Train(TrainingData.Sentences(), FeatureSet.Full, new TrainingOptions(HashBits: 12, Epochs: 3));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = CheckWorthinessModel.Load(stream);

        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Documents", "wire-story.txt"));
        Assert.Equal(new ClaimExtractor(model).ScoreSentences(text).Select(s => s.Score), new ClaimExtractor(loaded).ScoreSentences(text).Select(s => s.Score));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => CheckWorthinessModel.Load(new MemoryStream("not a model at all"u8.ToArray())));
    }

    [Fact]
    public void A_truncated_model_is_refused()
    {
        var model = ModelTrainer.Train(TrainingData.Sentences(), FeatureSet.Full, new TrainingOptions(HashBits: 12, Epochs: 1));
        using var stream = new MemoryStream();
        model.Save(stream);

        Assert.Throws<InvalidDataException>(() => CheckWorthinessModel.Load(new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)])));
    }
}
