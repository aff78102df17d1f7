using System.CommandLine;
using ForgetCloud.Cli.Remote;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud runs list</c>: the newest runs first.</summary>
public static class RunsListCommand
{
    public const int DefaultLimit = 50;

    public static Command Create(CliServices services)
    {
        var api = new ApiOptions();
        var json = new Option<bool>("--json") { Description = "Print the runs as the Api's JSON" };
        var limit = new Option<int>("--limit") { Description = "At most this many runs (1-500)", DefaultValueFactory = _ => DefaultLimit };
        var command = new Command("list", "The runs, newest first: status, progress, arms");
        api.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction(async (parse, cancel) =>
        {
            using var connection = api.Connect(parse);
            var runs = await connection.CallAsync((c, t) => c.ListRunsAsync(parse.GetValue(limit), t), cancel).ConfigureAwait(false);
            if (parse.GetValue(json)) services.Output.WriteLine(RunText.ToJson(runs));
            else RunText.WriteList(services.Output, runs);
            return 0;
        });
        return command;
    }
}
