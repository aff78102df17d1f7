using System.Text.Json;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Api.Submissions;

/// <summary>
/// Turns a <see cref="RunSubmission"/> into a <see cref="ValidatedSubmission"/>, collecting every problem before answering:
/// the config (<see cref="StudyConfigLoader"/>, paths unchecked: they belong to the workers' machines), the flags
/// (<see cref="StudyFlags.Validate"/>) and the resume checkpoints (blob prefixes of the right stage).
/// </summary>
public sealed class RunSubmissionValidator(ApiSettings settings)
{
    public const string ConfigKey = "config";

    public SubmissionValidation Validate(RunSubmission submission, string runId)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
                errors[key] = list = [];
            list.Add(message);
        }

        var config = LoadConfig(submission.Config, Add);

        OptimizerKind? optimizer = null;
        if (submission.Optimizer is { } name)
        {
            if (ConfigNames.TryParseOptimizer(name, out var parsed))
                optimizer = parsed;
            else
                Add("optimizer", $"unknown optimizer '{name}'; use adamw or muon");
        }
        var resume1 = ParseResume(submission.ResumeStage1, 1, "resume_stage1", Add);
        var resume2 = ParseResume(submission.ResumeStage2, 2, "resume_stage2", Add);
        var flags = new StudyFlags
        {
            CompareOptimizers = submission.CompareOptimizers,
            Optimizer = optimizer,
            ResumeStage1 = submission.ResumeStage1,
            ResumeStage2 = submission.ResumeStage2,
            SkipTraining = submission.SkipTraining,
            Seeds = submission.Seeds,
        };
        foreach (var error in flags.Validate())
            Add(FlagKey(error.Path), error.Message);

        if (errors.Count > 0 || config is null)
            return Fail(errors);

        IReadOnlyList<ArmSpec> arms;
        try
        {
            arms = flags.Arms(config);
        }
        catch (StudyConfigException e)
        {
            foreach (var error in e.Errors)
                Add(FlagKey(error.Path), error.Message);
            return Fail(errors);
        }
        var options = new StudyOptions(
            BlobLayout.RunConfig(runId),
            [.. arms],
            flags.SkipTraining,
            settings.MaxAttempts,
            resume1,
            resume2);
        return new SubmissionValidation(new ValidatedSubmission(flags.ApplyTo(config), options), new Dictionary<string, string[]>());
    }

    private StudyConfig? LoadConfig(JsonElement? element, Action<string, string> add)
    {
        if (element is not { } config || config.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            add(ConfigKey, "the config is missing: give it as a JSON object or as a string holding YAML");
            return null;
        }
        var (text, format) = config.ValueKind switch
        {
            JsonValueKind.Object => (config.GetRawText(), ConfigFormat.Json),
            JsonValueKind.String => (config.GetString()!, ConfigFormat.Yaml),
            _ => ((string?)null, default(ConfigFormat)),
        };
        if (text is null)
        {
            add(ConfigKey, $"the config must be a JSON object or a string holding YAML, not a JSON {config.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }
        var result = StudyConfigLoader.LoadText(text, format, new StudyConfigLoadOptions
        {
            CheckPaths = false,
            BaseDirectory = settings.ConfigBaseDirectory,
            KnownModelPresets = [.. ModelPresets.All.Select(p => p.Name)],
        });
        foreach (var error in result.Errors)
            add(error.Path.Length == 0 ? ConfigKey : error.Path, Describe(error));
        return result.Config;
    }

    private static CheckpointRef? ParseResume(string? location, int stage, string key, Action<string, string> add)
    {
        if (location is null)
            return null;
        if (!BlobLayout.TryParseCheckpoint(location, out var checkpoint))
        {
            add(key, $"'{location}' is not a checkpoint prefix; expected runs/<run>/<arm>/checkpoints/stage{stage}/step_<step>/");
            return null;
        }
        if (checkpoint.Stage != stage)
        {
            add(key, $"'{location}' is a stage-{checkpoint.Stage} checkpoint; {key} needs a stage-{stage} one");
            return null;
        }
        return new CheckpointRef(checkpoint.Location, checkpoint.Step);
    }

    /// <summary>StudyFlags names problems by CLI flag (<c>--resume-stage1</c>); the API's fields are <c>resume_stage1</c>.</summary>
    internal static string FlagKey(string path) =>
        path.StartsWith("--", StringComparison.Ordinal) ? path[2..].Replace('-', '_') : path.Length == 0 ? ConfigKey : path;

    private static string Describe(ConfigError error) =>
        error.Line is { } line ? $"{error.Message} (line {line}, column {error.Column})" : error.Message;

    private static SubmissionValidation Fail(Dictionary<string, List<string>> errors) =>
        new(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
