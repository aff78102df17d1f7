using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>Picks the mode: configured, else containers, else local executables, else configured connection strings.</summary>
public static class InfrastructureModeSelector
{
    public static readonly string[] ConnectionNames = [ResourceNames.Redis, ResourceNames.Messaging, ResourceNames.Blobs];

    public static InfrastructureMode Select(InfrastructureSettings settings, LocalServers servers, IConfiguration configuration)
    {
        var missingConnectionStrings = ConnectionNames.Where(name => string.IsNullOrWhiteSpace(configuration.GetConnectionString(name))).ToArray();
        switch (settings.RequestedMode)
        {
            case InfrastructureMode.Executables when !servers.AllFound:
                throw new InvalidOperationException(
                    $"{InfrastructureSettings.ModeKey}=executables, but these are not installed: {string.Join(", ", servers.Missing())}. " +
                    "On Debian run scripts/setup.d/20-servers.sh.");
            case InfrastructureMode.ConnectionStrings when missingConnectionStrings.Length > 0:
                throw new InvalidOperationException(
                    $"{InfrastructureSettings.ModeKey}=connection-strings, but these are not set: " +
                    string.Join(", ", missingConnectionStrings.Select(name => $"ConnectionStrings:{name}")) + ".");
            case { } requested:
                return requested;
        }

        if (ContainerRuntimeProbe.IsAvailable(out var runtime))
        {
            return InfrastructureMode.Containers;
        }
        if (servers.AllFound)
        {
            return InfrastructureMode.Executables;
        }
        if (missingConnectionStrings.Length == 0)
        {
            return InfrastructureMode.ConnectionStrings;
        }
        throw new InvalidOperationException(
            "ForgetCloud cannot provide redis, messaging and blobs: " +
            $"no container runtime answered '{runtime} info'; local servers missing: {string.Join(", ", servers.Missing())}; " +
            $"connection strings not set: {string.Join(", ", missingConnectionStrings.Select(name => $"ConnectionStrings:{name}"))}. " +
            "Install Docker (or Podman), or the local servers (Debian: apt-get install redis-server rabbitmq-server; " +
            "npm install -g azurite@3.35.0; or run scripts/setup.d/20-servers.sh), or set the three connection strings. " +
            $"Force a mode with {InfrastructureSettings.ModeKey}=containers|executables|connection-strings.");
    }
}
