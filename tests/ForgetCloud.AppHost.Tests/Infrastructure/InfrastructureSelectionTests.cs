using ForgetCloud.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>Mode selection and its configuration errors, without starting anything.</summary>
public sealed class InfrastructureSelectionTests
{
    private static readonly LocalServers NoServers = new(null, null, null, null);

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("containers", InfrastructureMode.Containers)]
    [InlineData("Executables", InfrastructureMode.Executables)]
    [InlineData("connection-strings", InfrastructureMode.ConnectionStrings)]
    public void Reads_the_requested_mode(string value, InfrastructureMode expected)
    {
        var settings = InfrastructureSettings.Read(Config((InfrastructureSettings.ModeKey, value)));

        Assert.Equal(expected, settings.RequestedMode);
    }

    [Fact]
    public void An_unknown_mode_names_the_key_and_the_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InfrastructureSettings.Read(Config((InfrastructureSettings.ModeKey, "kubernetes"))));

        Assert.Contains("'ForgetCloud:Infrastructure'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'kubernetes'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1.00:00:00")]
    [InlineData("a week")]
    public void A_bad_server_consumer_timeout_is_refused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => InfrastructureSettings.Read(Config((InfrastructureSettings.ConsumerTimeoutKey, value))));

        Assert.Contains(InfrastructureSettings.ConsumerTimeoutKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_strings_mode_lists_every_missing_connection_string()
    {
        var configuration = Config((InfrastructureSettings.ModeKey, "connection-strings"), ("ConnectionStrings:redis", "127.0.0.1:6379"));
        var settings = InfrastructureSettings.Read(configuration);

        var error = Assert.Throws<InvalidOperationException>(() => InfrastructureModeSelector.Select(settings, NoServers, configuration));

        Assert.Contains("ConnectionStrings:messaging, ConnectionStrings:blobs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings:redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Executables_mode_names_each_missing_server()
    {
        var configuration = Config((InfrastructureSettings.ModeKey, "executables"));
        var servers = new LocalServers("/usr/bin/redis-server", null, "/usr/bin/epmd", null);

        var error = Assert.Throws<InvalidOperationException>(() =>
            InfrastructureModeSelector.Select(InfrastructureSettings.Read(configuration), servers, configuration));

        Assert.Contains("rabbitmq-server", error.Message, StringComparison.Ordinal);
        Assert.Contains("azurite-blob", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("redis-server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_server_path_that_does_not_exist_is_an_error_not_a_fallback()
    {
        var configuration = Config(("ForgetCloud:Executables:RedisServer", "/nonexistent/redis-server"));

        var error = Assert.Throws<InvalidOperationException>(() => LocalServers.Locate(configuration));

        Assert.Contains("'ForgetCloud:Executables:RedisServer' = '/nonexistent/redis-server'", error.Message, StringComparison.Ordinal);
    }
}
