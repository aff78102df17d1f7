using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public class RoundTripTests
{
    private static readonly StudyConfigLoadOptions Options = new() { CheckPaths = false };

    public static TheoryData<string> ShippedConfigs => ["config.yaml", "configs/tiny.yaml", "configs/smoke.yaml"];

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public void YamlToObjectToYamlToObjectIsEqual(string relative)
    {
        var first = StudyConfigLoader.LoadFile(Path.Combine(ConfigText.RepoRoot(), relative), Options).GetConfigOrThrow();
        var yaml = StudyConfigLoader.ToYaml(first);
        var second = StudyConfigLoader.LoadText(yaml, ConfigFormat.Yaml, Options).GetConfigOrThrow();
        Assert.Equal(first, second);
        Assert.Equal(yaml, StudyConfigLoader.ToYaml(second)); // the text is stable too
    }

    [Theory]
    [MemberData(nameof(ShippedConfigs))]
    public void JsonRoundTripIsEqualToo(string relative)
    {
        var first = StudyConfigLoader.LoadFile(Path.Combine(ConfigText.RepoRoot(), relative), Options).GetConfigOrThrow();
        var json = StudyConfigLoader.ToJson(first);
        var second = StudyConfigLoader.LoadText(json, ConfigFormat.Json, Options).GetConfigOrThrow();
        Assert.Equal(first, second);
    }

    [Fact]
    public void NonDefaultValuesSurviveARoundTrip()
    {
        // Every property away from its default, so a key the writer forgot would come back as the default.
        var config = new StudyConfig
        {
            Model = new ModelConfig
            {
                Name = "/models/llama", Source = ModelSourceKind.Local, Tokenizer = "gpt2", UseLora = false, LoraRank = 7,
                LoraAlpha = 3.5, LoraDropout = 0.25, TargetModules = new[] { "v_proj", "q_proj" }, LoraStage2Mode = LoraStage2Mode.MergeAndNew,
            },
            Training = new TrainingConfig
            {
                GradientCheckpointing = true,
                Stage1 = new StageConfig
                {
                    Dataset = DatasetKind.AquaRat, Split = "dev", MaxExamples = 11, Epochs = 2, BatchSize = 3, GradientAccumulationSteps = 5,
                    LearningRate = 3.3e-5, WeightDecay = 0, WarmupSteps = null, WarmupRatio = 0.125, LrSchedulerType = LrSchedulerType.Constant,
                    MaxGradNorm = null, MaxLength = 77,
                },
                Stage2 = new StageConfig { Dataset = DatasetKind.Gsm8k, Split = "train", WarmupSteps = 0, LrSchedulerType = LrSchedulerType.Cosine },
            },
            Optimizer = new OptimizerConfig
            {
                Type = OptimizerKind.Muon,
                DecayAllParameters = true,
                AdamW = new AdamWConfig { Beta1 = 0.8, Beta2 = 0.95, Eps = 1e-6 },
                Muon = new MuonConfig { Beta1 = 0.7, Beta2 = 0.9, Eps = 1e-10, Mu = 0.02, Momentum = 0.9, Nesterov = false, NsSteps = 3, AdjustLrToMatchAdamW = false, LoraFactors = MuonLoraFactors.BOnly },
            },
            Evaluation = new EvaluationConfig
            {
                BatchSize = 2, MaxNewTokens = 9, Temperature = 0.7, DoSample = true, PadTokenId = 0, ReplaySamples = 0,
                MaxExamples = new EvalExampleLimits { Gsm8k = 5, AquaRat = 6 },
                GenerationMaxExamples = new EvalExampleLimits { Gsm8k = 3, AquaRat = 4 },
                BootstrapResamples = 100, ConfidenceLevel = 0.9,
            },
            Logging = new LoggingConfig { LogDir = "a", TensorboardDir = "b", SaveDir = "c", LogInterval = 2, EvalInterval = 3, SaveInterval = 4 },
            Data = new DataConfig { Source = DataSourceKind.Local, LocalDir = "/data", CacheDir = "/cache" },
            Device = new DeviceSpec(DeviceKind.Cuda, 1),
            Dtype = Precision.Fp32,
            Seed = 0,
            Seeds = 3,
        };
        foreach (var format in new[] { ConfigFormat.Yaml, ConfigFormat.Json })
        {
            var text = StudyConfigLoader.Serialize(config, format);
            Assert.Equal(config, StudyConfigLoader.LoadText(text, format, Options).GetConfigOrThrow());
        }
    }

    [Fact]
    public void FourBitKeysSurviveARoundTrip()
    {
        // A 4-bit base needs LoRA, so these sit apart from the all-non-default config above (which is full fine-tuning).
        var config = new StudyConfig
        {
            Model = new ModelConfig
            {
                LoadIn4Bit = true, Bnb4BitQuantType = FourBitQuantType.Fp4, Bnb4BitUseDoubleQuant = true, Bnb4BitComputeDtype = Precision.Bf16,
            },
        };
        foreach (var format in new[] { ConfigFormat.Yaml, ConfigFormat.Json })
        {
            var text = StudyConfigLoader.Serialize(config, format);
            Assert.Equal(config, StudyConfigLoader.LoadText(text, format, Options).GetConfigOrThrow());
        }
    }

    [Fact]
    public void SaveFileWritesTheFormatOfItsExtension()
    {
        var dir = Directory.CreateTempSubdirectory("forgetcloud-save-");
        try
        {
            var config = new StudyConfig { Seed = 5 };
            var json = Path.Combine(dir.FullName, "resolved.json");
            StudyConfigLoader.SaveFile(config, json);
            Assert.StartsWith("{", File.ReadAllText(json));
            Assert.Equal(config, StudyConfigLoader.LoadFile(json, Options).GetConfigOrThrow());
            Assert.Throws<ArgumentException>(() => StudyConfigLoader.SaveFile(config, Path.Combine(dir.FullName, "x.txt")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
