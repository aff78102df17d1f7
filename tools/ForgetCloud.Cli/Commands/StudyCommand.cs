using System.CommandLine;
using ForgetCloud.Cli.Study;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Cli.Commands;

/// <summary>
/// <c>forgetcloud study</c>: the whole study in this process with the original framework's flags: for each arm
/// (optimizer, seed) the base evaluation, stage 1, its evaluation, stage 2, its evaluation; then the forgetting
/// analysis and the report files. Ctrl-C stops at a clean point (exit 130); the same command resumes.
/// </summary>
public static class StudyCommand
{
    /// <summary>Exit code of a study stopped by Ctrl-C (128 + SIGINT, the shell convention).</summary>
    public const int StoppedExitCode = 130;

    public static Command Create(CliServices services)
    {
        var flagOptions = new StudyFlagOptions();
        var command = new Command("study", "Run the forgetting study in this process: base evaluation, stage 1, evaluation, stage 2, evaluation, analysis, per arm");
        flagOptions.AddTo(command);

        command.SetAction(async (parse, cancel) =>
        {
            var plan = Plan(Validated(flagOptions.Read(parse)));
            using var stop = new CtrlC(cancel);
            var outcome = await new InProcessStudyExecutor(plan, services).RunAsync(stop.Token).ConfigureAwait(false);
            return outcome == StudyOutcome.Completed ? 0 : StoppedExitCode;
        });
        return command;
    }

    /// <summary>The flags, validated: every contradiction in one line.</summary>
    internal static StudyFlags Validated(StudyFlags flags)
    {
        var errors = flags.Validate();
        if (errors.Count > 0) throw new CliException(string.Join("; ", errors.Select(e => e.ToString())));
        return flags;
    }

    /// <summary>Loads the config (all its errors in one line) and turns config + flags into the study's plan.</summary>
    internal static StudyPlan Plan(StudyFlags flags)
    {
        var path = flags.ConfigPath ?? StudyFlagOptions.DefaultConfigPath;
        var loaded = StudyConfigLoader.LoadFile(path, new StudyConfigLoadOptions { KnownModelPresets = [.. ModelPresets.All.Select(p => p.Name)] });
        if (!loaded.Succeeded)
        {
            var errors = loaded.Errors;
            throw new CliException(errors.Count == 1
                ? $"invalid config: {errors[0]}"
                : $"invalid config ({errors.Count} errors): {string.Join("; ", errors.Select(e => e.ToString()))}");
        }

        try
        {
            return StudyPlan.Create(flags, loaded.Config!);
        }
        catch (StudyConfigException e)
        {
            throw new CliException(string.Join("; ", e.Errors.Select(x => x.ToString())), e);
        }
    }

    /// <summary>First Ctrl-C: cancel, so the study stops at a clean point. A second one ends the process at once.</summary>
    private sealed class CtrlC : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private int _presses;

        public CtrlC(CancellationToken outer)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
            Console.CancelKeyPress += OnCancelKeyPress;
        }

        public CancellationToken Token => _source.Token;

        private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            if (Interlocked.Increment(ref _presses) > 1) return;
            e.Cancel = true;
            Console.Error.WriteLine("stopping at the next clean point (a checkpoint after this step, or the end of this evaluation batch); Ctrl-C again to kill");
            _source.Cancel();
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            _source.Dispose();
        }
    }
}
