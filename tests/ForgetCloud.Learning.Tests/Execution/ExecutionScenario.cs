using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Execution;

/// <summary>configs/smoke.yaml shrunk to a few steps and items, reading the shared datasets; a temp folder per test.</summary>
internal sealed class ExecutionScenario : IDisposable
{
    private static readonly Lazy<StudyConfig> Smoke = new(() =>
        StudyConfigLoader.LoadFile(Path.Combine(TestPaths.RepositoryRoot, "configs", "smoke.yaml"),
            new StudyConfigLoadOptions { CheckPaths = false }).GetConfigOrThrow());

    public string Root { get; } = Directory.CreateTempSubdirectory("forgetcloud-execution-").FullName;

    public static StudyConfig Config(bool lora = false, Precision dtype = Precision.Fp32, LoraStage2Mode mode = LoraStage2Mode.Continue)
    {
        var smoke = Smoke.Value;
        return smoke with
        {
            Model = smoke.Model with { UseLora = lora, LoraStage2Mode = mode },
            Training = smoke.Training with
            {
                Stage1 = smoke.Training.Stage1 with { MaxExamples = 8, Epochs = 1, MaxLength = 96 },
                Stage2 = smoke.Training.Stage2 with { MaxExamples = 8, Epochs = 1, MaxLength = 96 },
            },
            Evaluation = smoke.Evaluation with
            {
                MaxNewTokens = 6,
                MaxExamples = smoke.Evaluation.MaxExamples with { Gsm8k = 3, AquaRat = 2 },
            },
            Logging = smoke.Logging with { SaveInterval = 1 },
            Data = smoke.Data with { Source = DataSourceKind.Local, LocalDir = TestPaths.SharedData },
            Dtype = dtype,
        };
    }

    public static ITextTokenizer Tokenizer => TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName);

    public static PreparedDatasets Data(StudyConfig config) =>
        DatasetPreparation.PrepareAsync(config, Tokenizer, cancellationToken: TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public string Path_(string name) => Path.Combine(Root, name);

    public StageRunRequest Stage(StudyConfig config, PreparedDatasets data, int stage, IReadOnlyList<string>? initFrom = null) => new()
    {
        Config = config,
        Optimizer = config.Optimizer.Type,
        Seed = config.Seed,
        Stage = stage,
        Data = data,
        CheckpointDirectory = Path_("checkpoints"),
        InitFrom = initFrom ?? [],
    };

    public static Dictionary<string, float[]> Weights(LlamaForCausalLM model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().to_type(TorchSharp.torch.ScalarType.Float32).data<float>().ToArray());

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
