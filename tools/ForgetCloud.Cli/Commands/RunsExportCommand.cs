using System.CommandLine;
using ForgetCloud.Cli.Remote;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud runs export ID --output-dir DIR</c>: a run's files in the folder layout of <c>study</c>.</summary>
public static class RunsExportCommand
{
    public static Command Create(CliServices services)
    {
        var api = new ApiOptions();
        var id = RunsCommand.RunIdArgument();
        var outputDir = new Option<string>("--output-dir")
        {
            Description = "Write logs/, tensorboard_logs/ and checkpoints/ here",
            HelpName = "dir",
            Required = true,
        };
        var skipCheckpoints = new Option<bool>("--skip-checkpoints") { Description = "Download everything but the checkpoints" };
        var command = new Command("export", "Download a run's results, plots, histories, records, TensorBoard logs and checkpoints (files written so far, for a run still going)");
        command.Arguments.Add(id);
        api.AddTo(command);
        command.Options.Add(outputDir);
        command.Options.Add(skipCheckpoints);
        command.SetAction(async (parse, cancel) =>
        {
            var runId = parse.GetRequiredValue(id);
            using var connection = api.Connect(parse);
            var run = connection.Require(await connection.CallAsync((c, t) => c.GetRunAsync(runId, t), cancel).ConfigureAwait(false));
            var layout = StudyOutputLayout.InDirectory(parse.GetRequiredValue(outputDir));
            await RemoteRun.ExportAsync(services, connection, run, layout, !parse.GetValue(skipCheckpoints), cancel).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
