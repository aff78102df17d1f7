using System.CommandLine;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud runs list|show|cancel|export</c>: the runs the Api knows.</summary>
public static class RunsCommand
{
    public static Command Create(CliServices services)
    {
        var command = new Command("runs", "List, inspect, cancel and download the runs of the ForgetCloud services");
        command.Subcommands.Add(RunsListCommand.Create(services));
        command.Subcommands.Add(RunsShowCommand.Create(services));
        command.Subcommands.Add(RunsCancelCommand.Create(services));
        command.Subcommands.Add(RunsExportCommand.Create(services));
        return command;
    }

    /// <summary>The run id argument every subcommand but list takes.</summary>
    public static Argument<string> RunIdArgument() => new("id") { Description = "The run id (see 'forgetcloud runs list')" };
}
