using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Learning.Tokenization;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Training;

/// <summary>The smoke preset on the shortest real GSM8K training examples (whole answers fit in a short
/// max_length): a stage trains in about a second.</summary>
internal sealed class TrainingScenario : IDisposable
{
    private static readonly Lazy<IReadOnlyList<RenderedExample>> Rendered = new(() =>
        new DatasetLoader(new LocalDatasetSource(TestPaths.SharedData)).LoadRenderedAsync(DatasetKind.Gsm8k, "train").GetAwaiter().GetResult()
            .OrderBy(e => e.Prompt.Length + e.Target.Length).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());

    private static readonly Lazy<StudyConfig> Smoke = new(() =>
        StudyConfigLoader.LoadFile(Path.Combine(TestPaths.RepositoryRoot, "configs", "smoke.yaml"),
            new StudyConfigLoadOptions { CheckPaths = false }).GetConfigOrThrow());

    public string Root { get; } = Directory.CreateTempSubdirectory("forgetcloud-training-").FullName;

    public string Checkpoints(string name) => Path.Combine(Root, name);

    /// <summary>smoke.yaml with stage 1 shrunk: <paramref name="examples"/> examples of at most <paramref name="maxLength"/> tokens.</summary>
    public static StudyConfig Config(
        OptimizerKind optimizer = OptimizerKind.AdamW, bool lora = false, int examples = 16, int epochs = 2, int batchSize = 4,
        int accumulation = 1, int maxLength = 128, int saveInterval = 3, Precision dtype = Precision.Fp32, double loraDropout = 0.1)
    {
        var smoke = Smoke.Value;
        var stage = smoke.Training.Stage1 with
        {
            MaxExamples = examples, Epochs = epochs, BatchSize = batchSize, GradientAccumulationSteps = accumulation, MaxLength = maxLength,
        };
        return smoke with
        {
            Model = smoke.Model with { UseLora = lora, LoraDropout = loraDropout },
            Training = smoke.Training with { Stage1 = stage, Stage2 = smoke.Training.Stage2 with { MaxExamples = examples, Epochs = epochs, BatchSize = batchSize, MaxLength = maxLength } },
            Optimizer = smoke.Optimizer with { Type = optimizer },
            Logging = smoke.Logging with { SaveInterval = saveInterval },
            Dtype = dtype,
        };
    }

    public static TokenizedDataset Data(StudyConfig config, int stage = 1)
    {
        var stageConfig = config.Training.Stage(stage);
        var tokenizer = TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName);
        var examples = Rendered.Value.Take(stageConfig.MaxExamples ?? int.MaxValue);
        return new ExampleTokenizer(tokenizer, stageConfig.MaxLength).TokenizeAll(examples);
    }

    public static BatchPlan Plan(StudyConfig config, int stage = 1, BatchPlanOptions? options = null) =>
        new(Data(config, stage).Examples, config.Training.Stage(stage).BatchSize, config.Seed,
            TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName).PadTokenId, options);

    public static LlamaForCausalLM Model(StudyConfig config) =>
        ModelFactory.Create(ModelPresets.Smoke, config.Dtype == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32);

    public StageTrainingRequest Request(StudyConfig config, string checkpoints, List<TrainingStepRecord>? records = null, int stage = 1) => new()
    {
        Stage = stage,
        Config = config,
        Optimizer = config.Optimizer.Type,
        Batches = Plan(config, stage),
        CheckpointDirectory = Checkpoints(checkpoints),
        OnStep = records is null ? null : records.Add,
    };

    /// <summary>Trains with the test's cancellation token.</summary>
    public static StageTrainingResult Run(LlamaForCausalLM model, StageTrainingRequest request) =>
        StageTrainer.Train(model, request, TestContext.Current.CancellationToken);

    /// <summary>fp32 copies of every parameter by name.</summary>
    public static Dictionary<string, float[]> Snapshot(LlamaForCausalLM model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().to_type(ScalarType.Float32).data<float>().ToArray());

    public static double MaxDifference(Dictionary<string, float[]> a, Dictionary<string, float[]> b)
    {
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        return a.Keys.Max(k => a[k].Zip(b[k], (x, y) => Math.Abs((double)x - y)).DefaultIfEmpty(0).Max());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
