using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>
/// The local server programs, each from <c>ForgetCloud:Executables:&lt;Name&gt;</c> when set, else its usual place
/// (PATH; Debian's rabbitmq-server script under /usr/lib/rabbitmq/bin, run directly so it stays in the foreground).
/// </summary>
public sealed record LocalServers(string? RedisServer, string? RabbitMqServer, string? Epmd, string? AzuriteBlob)
{
    public const string SectionName = "ForgetCloud:Executables";

    public bool AllFound => RedisServer is not null && RabbitMqServer is not null && Epmd is not null && AzuriteBlob is not null;

    public static LocalServers Locate(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        return new LocalServers(
            Find(section, "RedisServer", "redis-server"),
            Find(section, "RabbitMqServer", "/usr/lib/rabbitmq/bin/rabbitmq-server"),
            Find(section, "Epmd", "epmd"),
            Find(section, "AzuriteBlob", "azurite-blob"));
    }

    /// <summary>Names of what is missing, with the key that would point at it.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (RedisServer is null) missing.Add($"redis-server ({SectionName}:RedisServer)");
        if (RabbitMqServer is null) missing.Add($"/usr/lib/rabbitmq/bin/rabbitmq-server ({SectionName}:RabbitMqServer)");
        if (Epmd is null) missing.Add($"epmd, from Erlang ({SectionName}:Epmd)");
        if (AzuriteBlob is null) missing.Add($"azurite-blob, npm azurite@3.35.0 ({SectionName}:AzuriteBlob)");
        return missing;
    }

    private static string? Find(IConfigurationSection section, string key, string fallback)
    {
        var configured = section[key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return ExecutableLocator.FindOnPath(fallback);
        }
        // A configured path that does not exist is a mistake to report, not a reason to look elsewhere.
        return ExecutableLocator.FindOnPath(configured)
            ?? throw new InvalidOperationException($"'{section.Path}:{key}' = '{configured}' names no existing file (nor one on PATH).");
    }
}
