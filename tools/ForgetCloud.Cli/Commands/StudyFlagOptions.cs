using System.CommandLine;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Cli.Commands;

/// <summary>
/// The original framework's flags (<c>--config --compare-optimizers --optimizer --resume-stage1 --resume-stage2
/// --skip-training --output-dir</c>) plus <c>--seeds</c>, shared by <c>study</c> (in-process) and <c>run</c> (through
/// the Api): a command creates one instance, adds it with <see cref="AddTo"/> and reads <see cref="StudyFlags"/>.
/// </summary>
public sealed class StudyFlagOptions
{
    /// <summary>The original framework's default config file.</summary>
    public const string DefaultConfigPath = "config.yaml";

    public Option<string> Config { get; } = new("--config")
    {
        Description = "The study config file (.yaml, .yml or .json)",
        DefaultValueFactory = _ => DefaultConfigPath,
    };

    public Option<bool> CompareOptimizers { get; } = new("--compare-optimizers")
    {
        Description = "Run both optimizers, AdamW then Muon, on the same config",
    };

    public Option<string?> Optimizer { get; } = new("--optimizer")
    {
        Description = "Override optimizer.type: adamw or muon",
    };

    public Option<string?> ResumeStage1 { get; } = new("--resume-stage1")
    {
        Description = "Resume stage 1 training from this checkpoint",
        HelpName = "checkpoint",
    };

    public Option<string?> ResumeStage2 { get; } = new("--resume-stage2")
    {
        Description = "Resume stage 2 training from this checkpoint (stage 1 is taken as done)",
        HelpName = "checkpoint",
    };

    public Option<bool> SkipTraining { get; } = new("--skip-training")
    {
        Description = "Evaluate only, without training",
    };

    public Option<string?> OutputDir { get; } = new("--output-dir")
    {
        Description = "Write logs/, tensorboard_logs/ and checkpoints/ here (default: the config's logging directories)",
        HelpName = "dir",
    };

    public Option<int?> Seeds { get; } = new("--seeds")
    {
        Description = "Seeds per optimizer (overrides the config's seeds): seed, seed+1, ...",
        HelpName = "N",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(CompareOptimizers);
        command.Options.Add(Optimizer);
        command.Options.Add(ResumeStage1);
        command.Options.Add(ResumeStage2);
        command.Options.Add(SkipTraining);
        command.Options.Add(OutputDir);
        command.Options.Add(Seeds);
    }

    /// <summary>
    /// The flags as given. Contradictions (<see cref="StudyFlags.Validate"/>) are not checked here: callers report
    /// them together with the config's problems.
    /// </summary>
    public StudyFlags Read(ParseResult parse)
    {
        OptimizerKind? optimizer = null;
        if (parse.GetValue(Optimizer) is { } name)
        {
            if (!ConfigNames.TryParseOptimizer(name, out var kind))
                throw new CliException($"--optimizer: unknown optimizer '{name}' (use adamw or muon)");
            optimizer = kind;
        }
        return new StudyFlags
        {
            ConfigPath = parse.GetRequiredValue(Config),
            CompareOptimizers = parse.GetValue(CompareOptimizers),
            Optimizer = optimizer,
            ResumeStage1 = parse.GetValue(ResumeStage1),
            ResumeStage2 = parse.GetValue(ResumeStage2),
            SkipTraining = parse.GetValue(SkipTraining),
            OutputDir = parse.GetValue(OutputDir),
            Seeds = parse.GetValue(Seeds),
        };
    }
}
