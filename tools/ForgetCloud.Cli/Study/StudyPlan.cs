using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// What one <c>forgetcloud study</c> invocation runs: the config with the flags applied, its arms (Contracts'
/// <see cref="StudyArm"/>, one optimizer and seed each) and the same arms as the workflow's <see cref="ArmSpec"/>s,
/// and where everything goes. <see cref="Fingerprint"/> identifies the study, so a rerun into the same output folder
/// can tell "resume this" from "a different study".
/// </summary>
internal sealed record StudyPlan(
    StudyConfig Config,
    IReadOnlyList<StudyArm> Arms,
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

    public StudyArm Arm(string id) => Arms.FirstOrDefault(a => a.Name == id)
        ?? throw new InvalidOperationException($"the study has no arm '{id}'");

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
        var specs = arms
            .Select(a => new ArmSpec(a.Name, ConfigNames.Of(a.Optimizer), a.Seed, resume1, resume2))
            .ToImmutableArray();

        var yaml = StudyConfigLoader.ToYaml(applied);
        var identity = new StringBuilder(yaml)
            .Append("\narms: ").AppendJoin(", ", specs.Select(s => $"{s.Id}/{s.Optimizer}/{s.Seed}"))
            .Append("\nskip_training: ").Append(flags.SkipTraining)
            .Append("\nresume_stage1: ").Append(resume1?.Location)
            .Append("\nresume_stage2: ").Append(resume2?.Location)
            .ToString();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        var options = new StudyOptions($"sha256:{fingerprint}", specs, flags.SkipTraining, MaxAttempts: 1);
        var root = flags.OutputDir is { } dir
            ? Path.GetFullPath(dir)
            : Path.GetDirectoryName(Path.GetFullPath(applied.Logging.LogDir)) ?? Path.GetFullPath(".");
        return new StudyPlan(applied, arms, options, root, fingerprint);
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
