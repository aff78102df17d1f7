using System.CommandLine;
using ForgetCloud.Cli.Remote;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud runs show ID [--follow]</c>: status per arm and stage, progress and metrics so far.</summary>
public static class RunsShowCommand
{
    public static Command Create(CliServices services)
    {
        var api = new ApiOptions();
        var id = RunsCommand.RunIdArgument();
        var json = new Option<bool>("--json") { Description = "Print the run as the Api's JSON" };
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Follow the run's progress until it ends (Ctrl-C detaches), then show it; a failed or cancelled run exits 1",
        };
        var command = new Command("show", "A run's status per arm and stage, progress and metrics so far");
        command.Arguments.Add(id);
        api.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(follow);
        command.SetAction(async (parse, cancel) =>
        {
            var runId = parse.GetRequiredValue(id);
            using var connection = api.Connect(parse);
            var run = connection.Require(await connection.CallAsync((c, t) => c.GetRunAsync(runId, t), cancel).ConfigureAwait(false));
            var following = parse.GetValue(follow);
            if (following)
            {
                if (await RemoteRun.FollowAsync(services, connection, runId, cancel).ConfigureAwait(false) is not { } finished)
                    return RemoteRun.Detached;
                run = finished;
            }
            if (parse.GetValue(json)) services.Output.WriteLine(RunText.ToJson(run));
            else RunText.WriteDetails(services.Output, run);
            if (following) RemoteRun.ThrowUnlessCompleted(run);
            return 0;
        });
        return command;
    }
}
