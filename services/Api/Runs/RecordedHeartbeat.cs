using System.Globalization;
using ForgetCloud.Contracts.Messages;

namespace ForgetCloud.Api.Runs;

/// <summary>The newest heartbeat stored for one stage and work of a run: its attempt and the worker's send time.</summary>
public sealed record RecordedHeartbeat(int Attempt, DateTimeOffset At)
{
    public static string KeyOf(string armId, int stage, StageWork work) =>
        string.Create(CultureInfo.InvariantCulture, $"{armId}/{stage}/{(work == StageWork.Training ? "training" : "evaluation")}");

    /// <summary>Reads the stored <c>attempt:unix-ms</c> value.</summary>
    public static RecordedHeartbeat Parse(string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !int.TryParse(stored.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            || !long.TryParse(stored.AsSpan(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            throw new InvalidDataException($"A stored heartbeat must be 'attempt:unix-ms', not '{stored}'.");
        return new RecordedHeartbeat(attempt, DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }
}
