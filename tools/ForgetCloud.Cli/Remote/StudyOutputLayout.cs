using System.Text.RegularExpressions;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// Where a remote run's files go locally: the folder layout <c>forgetcloud study</c> writes (docs/outputs.md), from
/// the run's blob layout (<c>BlobLayout</c>, paths relative to <c>runs/&lt;id&gt;/</c>):
/// <list type="table">
/// <item><c>report/&lt;file&gt;</c> → <c>logs/&lt;file&gt;</c> (final_results.json, histories, metadata, training.log, plots)</item>
/// <item><c>tensorboard/&lt;rest&gt;</c> → <c>tensorboard_logs/&lt;rest&gt;</c></item>
/// <item><c>&lt;arm&gt;/checkpoints/stage&lt;N&gt;/step_&lt;S&gt;/&lt;file&gt;</c> → <c>checkpoints/[&lt;arm&gt;/]stage&lt;N&gt;_checkpoint_epoch_&lt;E&gt;_step_&lt;S&gt;/&lt;file&gt;</c>
/// (the arm folder only with several arms, as <see cref="StudyFlags.Arms"/> does locally; E from the checkpoint's trainer_state.json)</item>
/// <item><c>&lt;arm&gt;/eval/&lt;file&gt;</c> → <c>logs/evaluations/&lt;arm&gt;/&lt;file&gt;</c> (evaluation results and per-example records)</item>
/// <item><c>config.yaml</c> → <c>logs/config.yaml</c> (the config snapshot the workers ran)</item>
/// <item>anything else → <c>logs/artifacts/&lt;path&gt;</c></item>
/// </list>
/// </summary>
public sealed partial record StudyOutputLayout(string LogsDirectory, string TensorBoardDirectory, string CheckpointsDirectory)
{
    public const string EvaluationsFolder = "evaluations";
    public const string OtherArtifactsFolder = "artifacts";

    /// <summary>DIR/logs, DIR/tensorboard_logs, DIR/checkpoints: what <c>--output-dir DIR</c> means for <c>study</c> (<see cref="StudyFlags.ApplyTo"/>).</summary>
    public static StudyOutputLayout InDirectory(string directory)
    {
        var logging = new StudyFlags { OutputDir = directory }.ApplyTo(new StudyConfig()).Logging;
        return FromLogging(logging);
    }

    /// <summary>The config's logging directories: where <c>study</c> writes without <c>--output-dir</c>.</summary>
    public static StudyOutputLayout FromLogging(LoggingConfig logging) => new(logging.LogDir, logging.TensorboardDir, logging.SaveDir);

    /// <summary>What kind of file an artifact path is, and the parts the local path needs.</summary>
    public static ArtifactKind Classify(string artifactPath)
    {
        if (artifactPath == "config.yaml") return new ArtifactKind.Config();
        if (artifactPath.StartsWith("report/", StringComparison.Ordinal)) return new ArtifactKind.Report(artifactPath["report/".Length..]);
        if (artifactPath.StartsWith("tensorboard/", StringComparison.Ordinal)) return new ArtifactKind.TensorBoard(artifactPath["tensorboard/".Length..]);
        if (CheckpointFile().Match(artifactPath) is { Success: true } c)
        {
            return new ArtifactKind.Checkpoint(c.Groups["arm"].Value, int.Parse(c.Groups["stage"].Value, System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(c.Groups["step"].Value, System.Globalization.CultureInfo.InvariantCulture), c.Groups["rest"].Value);
        }
        if (EvaluationFile().Match(artifactPath) is { Success: true } e) return new ArtifactKind.Evaluation(e.Groups["arm"].Value, e.Groups["rest"].Value);
        return new ArtifactKind.Other(artifactPath);
    }

    /// <summary>
    /// The local path of an artifact. <paramref name="armFolders"/>: the run has several arms, so checkpoints get a
    /// folder per arm; <paramref name="epochOf"/> gives a checkpoint's epoch (it is not in the blob name).
    /// </summary>
    public string LocalPathOf(ArtifactKind kind, bool armFolders, Func<ArtifactKind.Checkpoint, int> epochOf) => kind switch
    {
        ArtifactKind.Config => Path.Combine(LogsDirectory, "config.yaml"),
        ArtifactKind.Report r => Under(LogsDirectory, r.Rest),
        ArtifactKind.TensorBoard t => Under(TensorBoardDirectory, t.Rest),
        ArtifactKind.Checkpoint c => Under(
            Path.Combine(armFolders ? Path.Combine(CheckpointsDirectory, c.Arm) : CheckpointsDirectory, StageCheckpoint.DirectoryName(c.Stage, epochOf(c), c.Step)),
            c.Rest),
        ArtifactKind.Evaluation e => Under(Path.Combine(LogsDirectory, EvaluationsFolder, e.Arm), e.Rest),
        ArtifactKind.Other o => Under(Path.Combine(LogsDirectory, OtherArtifactsFolder), o.Path),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown artifact kind"),
    };

    // The Api only lists blob names under the run, which BlobLayout keeps free of '..' and absolute parts; checking
    // again here means a misbehaving server still cannot make the CLI write outside the output folder.
    private static string Under(string root, string relative)
    {
        var segments = relative.Split('/');
        if (relative.Length == 0 || segments.Any(s => s is "" or "." or ".." || s.Contains('\\')))
            throw new CliException($"the Api listed an artifact path '{relative}' that would leave the output folder");
        return Path.Combine([root, .. segments]);
    }

    [GeneratedRegex(@"^(?<arm>[A-Za-z0-9._-]+)/checkpoints/stage(?<stage>[12])/step_(?<step>0|[1-9][0-9]{0,17})/(?<rest>.+)$")]
    private static partial Regex CheckpointFile();

    [GeneratedRegex(@"^(?<arm>[A-Za-z0-9._-]+)/eval/(?<rest>.+)$")]
    private static partial Regex EvaluationFile();
}
