using System.Text.Json;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Evaluator;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.Output;

namespace ForgetCloud.EndToEnd.Tests.TestSupport;

/// <summary>
/// The smoke compare-optimizers study run in this process, without any server: Learning.Execution (data preparation,
/// stage runs, checkpoint evaluations) and Reporting's analyzer, computed once on first use. The distributed runs must
/// reproduce its numbers exactly.
/// </summary>
public sealed class LocalStudyReference : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("forgetcloud-e2e-local-").FullName;
    private readonly Lazy<Task<JsonElement>> _analysis;
    private readonly Func<string, string> _configText;
    private readonly bool _compareOptimizers;

    public LocalStudyReference()
        : this(text => text, compareOptimizers: true)
    {
    }

    /// <summary>A variant of the smoke study: its YAML rewritten by <paramref name="configText"/>; AdamW alone unless comparing.</summary>
    internal LocalStudyReference(Func<string, string> configText, bool compareOptimizers)
    {
        _configText = configText;
        _compareOptimizers = compareOptimizers;
        _analysis = new(RunAsync);
    }

    public static string SmokeConfigPath => Path.Combine(TestPaths.RepositoryRoot, "configs", "smoke.yaml");

    /// <summary>The smoke config with a 240-step stage 1 (30 epochs): long enough to kill a trainer mid-stage on any machine.</summary>
    public static string WithLongStage1(string smokeYaml)
    {
        const string epochs = "    epochs: 3            # 3 x 32 / 4 = 24 optimizer steps";
        if (!smokeYaml.Contains(epochs, StringComparison.Ordinal))
            throw new InvalidOperationException($"configs/smoke.yaml no longer has the line '{epochs.Trim()}' this test rewrites");
        return smokeYaml.Replace(epochs, "    epochs: 30", StringComparison.Ordinal);
    }

    /// <summary>The analysis as final_results.json holds it.</summary>
    public Task<JsonElement> AnalysisAsync() => _analysis.Value;

    private async Task<JsonElement> RunAsync()
    {
        var text = _configText(await File.ReadAllTextAsync(SmokeConfigPath));
        var options = new StudyConfigLoadOptions { CheckPaths = false, BaseDirectory = Path.GetDirectoryName(SmokeConfigPath) };
        var config = StudyConfigLoader.LoadText(text, ConfigFormat.Yaml, options).GetConfigOrThrow();
        config = config with { Data = config.Data with { LocalDir = TestPaths.SharedData } };
        var flags = _compareOptimizers ? new StudyFlags { CompareOptimizers = true } : new StudyFlags { Optimizer = OptimizerKind.AdamW };
        var arms = flags.Arms(config);
        PreparedDatasets data;
        using (var model = await StudyModelBuilder.BuildBaseAsync(config))
            data = await DatasetPreparation.PrepareAsync(config, model.Tokenizer);

        var evaluations = new List<StageEvaluation>();
        foreach (var arm in arms)
        {
            var folder = Path.Combine(_directory, arm.Id);
            var armConfig = flags.ArmConfig(config, arm);
            async Task Evaluate(int stage, IReadOnlyList<string> checkpoints) => evaluations.Add((await CheckpointEvaluator.EvaluateAsync(new CheckpointEvaluationRequest
            {
                Config = armConfig, ArmId = arm.Id, Stage = stage, Data = data,
                RecordsDirectory = Path.Combine(folder, "records"), Checkpoints = checkpoints,
            })).Evaluation);
            StageRunRequest Stage(int stage, IReadOnlyList<string> initFrom) => new()
            {
                Config = armConfig, Optimizer = armConfig.Optimizer.Type, Seed = arm.Seed, Stage = stage, Data = data,
                CheckpointDirectory = Path.Combine(folder, "checkpoints"), InitFrom = initFrom,
            };

            await Evaluate(0, []);
            var stage1 = await StageRunner.RunAsync(Stage(1, []));
            await Evaluate(1, [stage1.Checkpoint]);
            var stage2 = await StageRunner.RunAsync(Stage(2, [stage1.Checkpoint]));
            await Evaluate(2, [stage1.Checkpoint, stage2.Checkpoint]);
        }
        var analysis = StudyAnalyzer.Analyze(
            arms, evaluations, AnalysisOptions.For(config));
        return JsonDocument.Parse(ReportJson.Serialize(analysis)).RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
