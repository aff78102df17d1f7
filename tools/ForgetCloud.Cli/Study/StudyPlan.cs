using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// What one <c>forgetcloud study</c> invocation runs: the config with the flags applied, the workflow's options (its
/// arms among them), each arm's config (<see cref="StudyFlags.ArmConfig"/>), and where everything goes. <see cref="Fingerprint"/> identifies the study, so a rerun into the same output folder
/// can tell "resume this" from "a different study".
/// </summary>
internal sealed record StudyPlan(
    StudyConfig Config,
    IReadOnlyDictionary<string, StudyConfig> ArmConfigs,
    StudyOptions Options,
    string OutputRoot,
    string Fingerprint)
{
    public const string StateFileName = "study_state.json";
    public const string StepJournalFileName = "study_training_steps.jsonl";
    public const string TrainingLogFileName = "training.log";

    /// <summary>The study's <c>logs/</c> (study-wide report files, training.log).</summary>
    public string LogsDirectory => Config.Logging.LogDir;

    /// <summary>The study's <c>tensorboard_logs/</c>; runs are <c>{arm}/stage{N}</c> and <c>{arm}/eval</c>.</summary>
    public string TensorBoardDirectory => Config.Logging.TensorboardDir;

    public string StateFile => Path.Combine(OutputRoot, StateFileName);

    public string StepJournal => Path.Combine(OutputRoot, StepJournalFileName);

    public string TrainingLog => Path.Combine(LogsDirectory, TrainingLogFileName);

    public IReadOnlyList<ArmSpec> Arms => Options.Arms;

    /// <summary>The config the arm trains and is evaluated with (its optimizer, seed and output subfolders).</summary>
    public StudyConfig ArmConfig(string id) => ArmConfigs.TryGetValue(id, out var config)
        ? config
        : throw new InvalidOperationException($"the study has no arm '{id}'");

    /// <summary>Per-example records of an arm: <c>logs/{arm}/{dataset}_stage{N}.jsonl</c>.</summary>
    public string RecordsDirectory(string armId) => Path.Combine(LogsDirectory, armId);

    public string TensorBoardRun(string armId, string run) => Path.Combine(TensorBoardDirectory, armId, run);

    /// <summary>
    /// Applies the flags to the config (output folders, optimizer, seeds), builds the arms and reads the resume
    /// checkpoints (verified: a folder that is not a complete checkpoint is an error naming the flag).
    /// </summary>
    public static StudyPlan Create(StudyFlags flags, StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(config);
        var applied = flags.ApplyTo(config);
        var arms = flags.Arms(config);
        var resume1 = ResumePoint(flags.ResumeStage1, "--resume-stage1", 1);
        var resume2 = ResumePoint(flags.ResumeStage2, "--resume-stage2", 2);
        if (resume2 is not null && resume1 is null)
            resume1 = Stage1ForMergeAndNew(applied, resume2);
        ImmutableArray<ArmSpec> specs = [.. arms];

        var yaml = StudyConfigLoader.ToYaml(applied);
        var identity = new StringBuilder(yaml)
            .Append("\narms: ").AppendJoin(", ", specs.Select(s => $"{s.Id}/{s.Optimizer}/{s.Seed}"))
            .Append("\nskip_training: ").Append(flags.SkipTraining)
            .Append("\nresume_stage1: ").Append(resume1?.Location)
            .Append("\nresume_stage2: ").Append(resume2?.Location)
            .ToString();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        // One attempt: a failure ends this process's study; running the same command again retries it (PersistedStudy).
        var options = new StudyOptions($"sha256:{fingerprint}", specs, flags.SkipTraining, MaxAttempts: 1, resume1, resume2);
        var root = flags.OutputDir is { } dir
            ? Path.GetFullPath(dir)
            : Path.GetDirectoryName(Path.GetFullPath(applied.Logging.LogDir)) ?? Path.GetFullPath(".");
        var armConfigs = specs.ToDictionary(a => a.Id, a => flags.ArmConfig(config, a), StringComparer.Ordinal);
        return new StudyPlan(applied, armConfigs, options, root, fingerprint);
    }

    /// <summary>
    /// Under LoRA merge_and_new, stage 2 is built on stage 1's merged adapters: --resume-stage2 alone takes the
    /// finished stage-1 checkpoint saved beside it (the study's own checkpoint folder) as stage 1's, which then
    /// counts as trained and is evaluated. Other modes need nothing from stage 1. Fails before any work when there is none.
    /// </summary>
    private static CheckpointRef? Stage1ForMergeAndNew(StudyConfig config, CheckpointRef resume2)
    {
        if (!StudyModelBuilder.Stage2NeedsStage1Checkpoint(config)) return null;
        var folder = Path.GetDirectoryName(resume2.Location)!;
        if (StageCheckpoint.FindLatest(folder, 1) is { } found && StageCheckpoint.ReadState(found).Completed)
            return ResumePoint(found, "--resume-stage2", 1);
        throw new CliException("--resume-stage2: model.lora_stage2_mode is merge_and_new, so stage 2 is built on stage 1's merged " +
            $"adapters, but '{folder}' holds no finished stage-1 checkpoint: put stage 1's final checkpoint beside the stage-2 one");
    }

    private static CheckpointRef? ResumePoint(string? directory, string flag, int stage)
    {
        if (directory is null) return null;
        if (!Directory.Exists(directory)) throw new CliException($"{flag}: checkpoint directory '{directory}' does not exist");
        StageCheckpoint checkpoint;
        try
        {
            checkpoint = StageCheckpoint.Load(directory);
        }
        catch (CheckpointException e)
        {
            throw new CliException($"{flag}: {e.Message}", e);
        }

        if (checkpoint.State.Stage != stage)
            throw new CliException($"{flag}: '{directory}' is a stage {checkpoint.State.Stage} checkpoint, not stage {stage}");
        return new CheckpointRef(Path.GetFullPath(directory), checked((int)checkpoint.State.Step));
    }
}
