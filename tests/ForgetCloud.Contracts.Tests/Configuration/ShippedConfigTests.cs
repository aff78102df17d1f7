using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public class ShippedConfigTests
{
    // Path checks off: configs/*.yaml point at ../shared/data outside the repository, present on the team's
    // machines but not in every checkout. LocalDataIsCheckedWhereItExists covers the check itself.
    private static readonly StudyConfigLoadOptions Options = new() { CheckPaths = false };

    private static StudyConfigLoadResult Load(string relative) =>
        StudyConfigLoader.LoadFile(Path.Combine(ConfigText.RepoRoot(), relative), Options);

    [Fact]
    public void RootConfigIsTheOriginalFrameworksValues()
    {
        var result = Load("config.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var c = result.Config!;

        Assert.Equal("meta-llama/Llama-3.2-1B", c.Model.Name);
        Assert.Equal(ModelSourceKind.Hub, c.Model.Source);
        Assert.True(c.Model.UseLora);
        Assert.Equal(16, c.Model.LoraRank);
        Assert.Equal(32.0, c.Model.LoraAlpha);
        Assert.Equal(0.1, c.Model.LoraDropout);
        Assert.Equal(["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], c.Model.TargetModules);
        foreach (var (stage, dataset) in new[] { (c.Training.Stage1, DatasetKind.Gsm8k), (c.Training.Stage2, DatasetKind.AquaRat) })
        {
            Assert.Equal(dataset, stage.Dataset);
            Assert.Equal(3, stage.Epochs);
            Assert.Equal(4, stage.BatchSize);
            Assert.Equal(4, stage.GradientAccumulationSteps);
            Assert.Equal(2e-4, stage.LearningRate);
            Assert.Equal(0.01, stage.WeightDecay);
            Assert.Equal(100, stage.WarmupSteps);
            Assert.Equal(1024, stage.MaxLength);
        }
        Assert.Equal(OptimizerKind.AdamW, c.Optimizer.Type);
        Assert.Equal(new AdamWConfig { Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8 }, c.Optimizer.AdamW);
        Assert.Equal(0.01, c.Optimizer.Muon.Mu);
        Assert.Equal(DeviceSpec.Auto, c.Device);
        Assert.Null(c.MixedPrecision);
        Assert.Equal(Precision.Auto, c.Dtype);
        Assert.Equal(DataSourceKind.Download, c.Data.Source);

        // The original framework's mu has no counterpart in Muon: accepted, and said so once.
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("optimizer.muon.mu", warning.Path);
    }

    [Fact]
    public void TinyIsAnOfflineFullFineTuningStudyOnLocalData()
    {
        var result = Load("configs/tiny.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var c = result.Config!;

        Assert.Equal("tiny", c.Model.Name);
        Assert.Equal(ModelSourceKind.Preset, c.Model.Source);
        Assert.Null(c.Model.Tokenizer); // the preset carries gpt2-8k
        Assert.False(c.Model.UseLora);
        // Stage 2 runs 3 epochs so that it moves the weights enough to measure forgetting (docs/study.md).
        Assert.Equal((1, 3), (c.Training.Stage1.Epochs, c.Training.Stage2.Epochs));
        Assert.Equal((512, 512), (c.Training.Stage1.MaxLength, c.Training.Stage2.MaxLength));
        Assert.Equal("dev", c.Training.Stage2.Split);
        Assert.Equal(Precision.Auto, c.Dtype);
        Assert.Equal(DeviceSpec.Auto, c.Device);
        Assert.Equal(DataSourceKind.Local, c.Data.Source);
        var expected = Path.GetFullPath(Path.Combine(ConfigText.RepoRoot(), "..", "shared", "data"));
        Assert.Equal(expected, c.Data.LocalDir);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void SmokeIsSmallAndFp32()
    {
        var result = Load("configs/smoke.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var c = result.Config!;

        Assert.Equal(("smoke", ModelSourceKind.Preset), (c.Model.Name, c.Model.Source));
        Assert.Equal(Precision.Fp32, c.Dtype);
        Assert.False(c.MixedPrecision);
        Assert.Equal(128, c.Training.Stage1.MaxLength);
        Assert.Equal(32, c.Training.Stage1.MaxExamples);
        Assert.Equal(new EvalExampleLimits { Gsm8k = 16, AquaRat = 16 }, c.Evaluation.MaxExamples);
        // "a few dozen steps": optimizer steps per stage = epochs * ceil(examples / (batch * accumulation)).
        var s = c.Training.Stage1;
        var steps = s.Epochs * (int)Math.Ceiling(s.MaxExamples!.Value / (double)(s.BatchSize * s.GradientAccumulationSteps));
        Assert.InRange(steps, 12, 60);
    }

    [Theory]
    [InlineData("configs/tiny.yaml")]
    [InlineData("configs/smoke.yaml")]
    public void LocalDataIsCheckedWhereItExists(string relative)
    {
        var path = Path.Combine(ConfigText.RepoRoot(), relative);
        var result = StudyConfigLoader.LoadFile(path);
        var dataDir = Path.GetFullPath(Path.Combine(ConfigText.RepoRoot(), "..", "shared", "data"));
        if (Directory.Exists(dataDir))
        {
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        }
        else
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal("data.local_dir", error.Path);
            Assert.Equal($"directory not found: {dataDir}", error.Message);
        }
    }
}
