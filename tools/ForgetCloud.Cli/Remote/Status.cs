using System.Globalization;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Cli.Remote;

/// <summary>Words for statuses and durations, shared by the run commands' output.</summary>
public static class Status
{
    public static string Of(StudyStatus status) => status.ToString();

    public static string Of(StageStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A short duration: 45s, 12m, 3h05m.</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0}s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalMinutes):0}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m"),
    };
}
