using System.CommandLine;
using System.CommandLine.Invocation;
using ForgetCloud.Cli.Commands;

namespace ForgetCloud.Cli;

/// <summary>
/// The <c>forgetcloud</c> command tree and its entry point. To add a command: write <c>Commands/XCommand.cs</c> with
/// <c>static Command Create(CliServices)</c> and list it in <see cref="Commands"/>; errors it throws reach the user
/// through <see cref="ErrorBoundary"/> as one line.
/// </summary>
public static class ForgetCloudCli
{
    private static IEnumerable<Command> Commands(CliServices services) =>
    [
        ScoreCommand.Create(services),
        GenerateCommand.Create(services),
        StudyCommand.Create(services),
    ];

    public static RootCommand Build(CliServices services)
    {
        var root = new RootCommand("ForgetCloud: catastrophic forgetting in language-model fine-tuning");
        foreach (var command in Commands(services)) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (0 success, 1 any error).</summary>
    public static Task<int> RunAsync(string[] args, CliServices services, CancellationToken cancel = default) =>
        ErrorBoundary.RunAsync(services, async () =>
        {
            var parse = Build(services).Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                services.Error.WriteLine($"error: {ParseErrorLine(parse)}");
                return ErrorBoundary.Failure;
            }
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = services.Output,
                Error = services.Error,
                EnableDefaultExceptionHandler = false,
                // Commands handle Ctrl-C themselves (study stops at a clean point); no forced termination after 2 s.
                ProcessTerminationTimeout = null,
            }, cancel).ConfigureAwait(false);
        });

    /// <summary>System.CommandLine would print every error plus the full help; one line is enough.</summary>
    private static string ParseErrorLine(ParseResult parse)
    {
        if (parse.CommandResult.Command is RootCommand root)
        {
            var names = root.Subcommands.Select(c => c.Name).ToList();
            if (parse.UnmatchedTokens.FirstOrDefault() is not { } typed)
                return $"no command given; available: {string.Join(", ", names)} (see 'forgetcloud --help')";
            var hint = Loading.NameSuggestion.Nearest(typed, names) is { } near ? $"; did you mean '{near}'?" : "";
            return $"unknown command '{typed}'{hint} (available: {string.Join(", ", names)})";
        }
        var errors = string.Join("; ", parse.Errors.Select(e => ErrorBoundary.OneLine(e.Message).TrimEnd('.')));
        return $"{errors} (see 'forgetcloud {parse.CommandResult.Command.Name} --help')";
    }
}
