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

    public const string DefaultConfig = "config.yaml";

    public static Command Create(CliServices services)
    {
        var config = new Option<string>("--config") { Description = $"Study config (YAML or JSON); default {DefaultConfig}", DefaultValueFactory = _ => DefaultConfig };
        var compare = new Option<bool>("--compare-optimizers") { Description = "Run both optimizers (adamw, then muon) on the same config" };
        var optimizer = new Option<string?>("--optimizer") { Description = "Override optimizer.type: adamw or muon" };
        var resume1 = new Option<string?>("--resume-stage1") { Description = "Resume stage 1 training from this checkpoint directory" };
        var resume2 = new Option<string?>("--resume-stage2") { Description = "Resume stage 2 training from this checkpoint directory (stage 1 is taken as done)" };
        var skip = new Option<bool>("--skip-training") { Description = "Evaluate only: the base model (and the --resume-stageN checkpoint given, if any)" };
        var output = new Option<string?>("--output-dir") { Description = "Output folder: logs/, tensorboard_logs/, checkpoints/ and study_state.json go here" };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per optimizer (overrides seeds); arms use seed, seed+1, ..." };

        var command = new Command("study", "Run the forgetting study in this process: base evaluation, stage 1, evaluation, stage 2, evaluation, analysis, per arm");
        foreach (var option in new Option[] { config, compare, optimizer, resume1, resume2, skip, output, seeds }) command.Options.Add(option);

        command.SetAction(async (parse, cancel) =>
        {
            var flags = ReadFlags(
                parse.GetValue(config)!, parse.GetValue(compare), parse.GetValue(optimizer), parse.GetValue(resume1),
                parse.GetValue(resume2), parse.GetValue(skip), parse.GetValue(output), parse.GetValue(seeds));
            var plan = Plan(flags);
            using var stop = new CtrlC(cancel);
            var outcome = await new InProcessStudyExecutor(plan, services).RunAsync(stop.Token).ConfigureAwait(false);
            return outcome == StudyOutcome.Completed ? 0 : StoppedExitCode;
        });
        return command;
    }

    /// <summary>The flags as Contracts' <see cref="StudyFlags"/>, validated: every problem in one line.</summary>
    internal static StudyFlags ReadFlags(
        string config, bool compare, string? optimizer, string? resume1, string? resume2, bool skip, string? output, int? seeds)
    {
        OptimizerKind? kind = null;
        if (optimizer is not null)
        {
            if (!ConfigNames.TryParseOptimizer(optimizer, out var parsed))
                throw new CliException($"--optimizer: unknown optimizer '{optimizer}' (use adamw or muon)");
            kind = parsed;
        }

        var flags = new StudyFlags
        {
            ConfigPath = config,
            CompareOptimizers = compare,
            Optimizer = kind,
            ResumeStage1 = resume1,
            ResumeStage2 = resume2,
            SkipTraining = skip,
            OutputDir = output,
            Seeds = seeds,
        };
        var errors = flags.Validate();
        if (errors.Count > 0) throw new CliException(string.Join("; ", errors.Select(e => e.ToString())));
        return flags;
    }

    /// <summary>Loads the config (all its errors in one line) and turns config + flags into the study's plan.</summary>
    internal static StudyPlan Plan(StudyFlags flags)
    {
        var path = flags.ConfigPath ?? DefaultConfig;
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
