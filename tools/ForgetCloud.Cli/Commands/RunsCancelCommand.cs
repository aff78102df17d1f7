using System.CommandLine;
using ForgetCloud.Cli.Remote;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud runs cancel ID</c>: stops a run; its workers drop its work.</summary>
public static class RunsCancelCommand
{
    public static Command Create(CliServices services)
    {
        var api = new ApiOptions();
        var id = RunsCommand.RunIdArgument();
        var reason = new Option<string?>("--reason") { Description = "Why; recorded as the run's status reason" };
        var command = new Command("cancel", "Cancel a run (a run that already ended is an error)");
        command.Arguments.Add(id);
        api.AddTo(command);
        command.Options.Add(reason);
        command.SetAction(async (parse, cancel) =>
        {
            var runId = parse.GetRequiredValue(id);
            using var connection = api.Connect(parse);
            // Always a JSON body: the Api refuses a state-changing request without a JSON content type.
            var request = new CancelRunRequest(parse.GetValue(reason));
            var run = connection.Require(await connection.CallAsync((c, t) => c.CancelRunAsync(runId, request, t), cancel).ConfigureAwait(false));
            var because = run.StatusReason is { Length: > 0 } r ? $" ({r})" : "";
            services.Output.WriteLine($"run {run.RunId}: {Status.Of(run.Status)}{because}");
            return 0;
        });
        return command;
    }
}
