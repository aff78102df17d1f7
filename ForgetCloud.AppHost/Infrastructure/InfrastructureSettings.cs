using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>The AppHost's configuration keys under <c>ForgetCloud</c>, read and validated once.</summary>
public sealed record InfrastructureSettings(InfrastructureMode? RequestedMode, string DataDirectory, TimeSpan ConsumerTimeout)
{
    public const string ModeKey = "ForgetCloud:Infrastructure";
    public const string DataDirectoryKey = "ForgetCloud:DataDirectory";
    public const string ConsumerTimeoutKey = "ForgetCloud:Messaging:ServerConsumerTimeout";

    /// <summary>
    /// RabbitMQ closes the channel of a consumer that holds a delivery longer than consumer_timeout (30 min by
    /// default). A trainer holds its TrainStage message for the whole stage, so the servers the AppHost runs get 7 days.
    /// </summary>
    public static readonly TimeSpan DefaultConsumerTimeout = TimeSpan.FromDays(7);

    public static InfrastructureSettings Read(IConfiguration configuration)
    {
        var mode = ParseMode(configuration[ModeKey]);
        var dataDirectory = configuration[DataDirectoryKey];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "forgetcloud");
        }
        var timeout = DefaultConsumerTimeout;
        var timeoutText = configuration[ConsumerTimeoutKey];
        if (!string.IsNullOrWhiteSpace(timeoutText)
            && (!TimeSpan.TryParse(timeoutText, CultureInfo.InvariantCulture, out timeout) || timeout <= TimeSpan.Zero))
        {
            throw new InvalidOperationException($"'{ConsumerTimeoutKey}' must be a positive TimeSpan such as 7.00:00:00, but was '{timeoutText}'.");
        }
        return new InfrastructureSettings(mode, Path.GetFullPath(dataDirectory), timeout);
    }

    private static InfrastructureMode? ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "containers" => InfrastructureMode.Containers,
        "executables" => InfrastructureMode.Executables,
        "connection-strings" => InfrastructureMode.ConnectionStrings,
        _ => throw new InvalidOperationException(
            $"'{ModeKey}' must be auto, containers, executables or connection-strings, but was '{value}'."),
    };
}
