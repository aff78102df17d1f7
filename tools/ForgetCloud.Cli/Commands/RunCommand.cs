using System.CommandLine;
using ForgetCloud.Cli.Remote;

namespace ForgetCloud.Cli.Commands;

/// <summary>
/// <c>forgetcloud run</c>: the study of <c>forgetcloud study</c>, run by the services through the Api. Submits the
/// config and flags, follows the run, and writes the same output folder as <c>study</c> when it completes.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliServices services)
    {
        var flags = new StudyFlagOptions();
        var api = new ApiOptions();
        var detach = new Option<bool>("--detach")
        {
            Description = "Submit, print the run id and return without following it",
        };
        var skipCheckpoints = new Option<bool>("--skip-checkpoints")
        {
            Description = "Download everything but the checkpoints",
        };

        var command = new Command("run", "Run the study on the ForgetCloud services (same flags as 'study', plus --api); --resume-stage1/2 take checkpoint blob prefixes");
        flags.AddTo(command);
        api.AddTo(command);
        command.Options.Add(detach);
        command.Options.Add(skipCheckpoints);

        command.SetAction(async (parse, cancel) =>
        {
            var studyFlags = flags.Read(parse);
            var flagErrors = studyFlags.Validate();
            if (flagErrors.Count > 0) throw new CliErrorsException([.. flagErrors.Select(e => e.ToString())]);
            var submission = RunSubmissionFile.Read(studyFlags);
            var following = !parse.GetValue(detach);
            // Before submitting: a run whose files would have nowhere to go should not start.
            var layout = following ? RunSubmissionFile.OutputLayout(studyFlags) : null;

            using var connection = api.Connect(parse);
            var submitted = connection.Require(await connection.CallAsync((c, t) => c.SubmitRunAsync(submission, t), cancel).ConfigureAwait(false));
            services.Output.WriteLine($"submitted run {submitted.RunId} (arms: {string.Join(", ", submitted.Arms.Select(a => a.ArmId))})");
            if (!following)
            {
                services.Output.WriteLine(RemoteRun.ReattachHint(submitted.RunId));
                return 0;
            }

            var finished = await RemoteRun.FollowAsync(services, connection, submitted.RunId, cancel).ConfigureAwait(false);
            if (finished is null) return RemoteRun.Detached;
            RemoteRun.ThrowUnlessCompleted(finished);
            try
            {
                await RemoteRun.ExportAsync(services, connection, finished, layout!, !parse.GetValue(skipCheckpoints), cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                services.Output.WriteLine($"stopped downloading; the run is complete: {RemoteRun.ReattachHint(finished.RunId)}");
                return RemoteRun.Detached;
            }
            return 0;
        });
        return command;
    }
}
