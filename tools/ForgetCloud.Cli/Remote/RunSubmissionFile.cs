using System.Text.Json;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// The <c>POST /api/runs</c> body for <c>forgetcloud run</c>: the config file's own text (YAML stays YAML, JSON is
/// sent as an object) plus the flags. The Api validates the config and reports every problem at once.
/// </summary>
public static class RunSubmissionFile
{
    public static RunSubmission Read(StudyFlags flags)
    {
        var path = flags.ConfigPath ?? throw new CliException("give the config file with --config FILE");
        var format = StudyConfigLoader.FormatOf(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"config file not found: {Path.GetFullPath(path)}", e);
        }
        RunSubmission submission;
        try
        {
            submission = format == ConfigFormat.Json ? RunSubmission.FromJson(text) : RunSubmission.FromYaml(text);
        }
        catch (JsonException e)
        {
            throw new CliException($"{path}: not valid JSON ({e.Message})", e);
        }
        return submission with
        {
            CompareOptimizers = flags.CompareOptimizers,
            Optimizer = flags.Optimizer is { } optimizer ? ConfigNames.Of(optimizer) : null,
            ResumeStage1 = flags.ResumeStage1,
            ResumeStage2 = flags.ResumeStage2,
            SkipTraining = flags.SkipTraining,
            Seeds = flags.Seeds,
        };
    }

    /// <summary>
    /// Where <c>run</c> writes the finished run's files: --output-dir, else the config's logging directories with the
    /// flags applied, exactly where <c>study</c> would write. The config is read locally only in that second case;
    /// its problems are reported the way <c>study</c> reports them.
    /// </summary>
    public static StudyOutputLayout OutputLayout(StudyFlags flags)
    {
        if (flags.OutputDir is { } directory)
            return StudyOutputLayout.InDirectory(directory);
        var loaded = StudyConfigLoader.LoadFile(flags.ConfigPath!, new StudyConfigLoadOptions { CheckPaths = false });
        if (loaded.Config is null)
            throw new CliErrorsException([.. loaded.Errors.Select(e => e.ToString())]);
        return StudyOutputLayout.FromLogging(flags.ApplyTo(loaded.Config).Logging);
    }
}
