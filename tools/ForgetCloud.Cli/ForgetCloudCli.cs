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
        RunCommand.Create(services),
        RunsCommand.Create(services),
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
        var command = parse.CommandResult.Command;
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
            if (r is System.CommandLine.Parsing.CommandResult { Command: not RootCommand } c) names.Insert(0, c.Command.Name);
        var path = string.Join(" ", names.Prepend("forgetcloud"));
        // A command that only groups subcommands (the root, 'runs'): name the one typed wrongly or missing.
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            var available = command.Subcommands.Select(c => c.Name).ToList();
            var what = command is RootCommand ? "command" : $"{command.Name} command";
            if (parse.UnmatchedTokens.FirstOrDefault() is not { } typed)
                return $"no {what} given; available: {string.Join(", ", available)} (see '{path} --help')";
            var hint = ForgetCloud.Contracts.NameSuggestion.Nearest(typed, available) is { } near ? $"; did you mean '{near}'?" : "";
            return $"unknown {what} '{typed}'{hint} (available: {string.Join(", ", available)})";
        }
        var errors = string.Join("; ", parse.Errors.Select(e => ErrorBoundary.OneLine(e.Message).TrimEnd('.')));
        return $"{errors} (see '{path} --help')";
    }
}
