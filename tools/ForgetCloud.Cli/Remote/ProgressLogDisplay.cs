using System.Globalization;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Cli.Remote;

/// <summary>One line per event, for logs and pipes: <c>time  progress%  status  event: description</c>.</summary>
public sealed class ProgressLogDisplay(TextWriter output) : IRunProgressDisplay
{
    public void Show(RunEvent runEvent)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{runEvent.At.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} {runEvent.Progress * 100,5:0.0}% {Status.Of(runEvent.Status),-9} {runEvent.Event}: {runEvent.Description}");
        output.WriteLine(line);
        output.Flush();
    }

    public void Note(string message)
    {
        output.WriteLine(message);
        output.Flush();
    }

    public void Finish() { }
}
