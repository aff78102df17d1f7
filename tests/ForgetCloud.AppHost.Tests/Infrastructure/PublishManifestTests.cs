using System.Text.Json;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Security;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>
/// The app model as published (Aspire's manifest, what azd deploys to Azure Container Apps): nothing started, the
/// manifest written by the real AppHost in publish mode and read back.
/// </summary>
public sealed class PublishManifestTests
{
    private static readonly string[] Services = ["api", "dataprep", "trainer", "evaluator"];

    private static Task<JsonElement> PublishAsync(params string[] settings) => PublishedManifest.ResourcesAsync(settings);

    private static string Env(JsonElement resource, string name) => resource.GetProperty("env").GetProperty(name).GetString()!;

    [Fact]
    public async Task Redis_and_RabbitMQ_are_containers_with_volumes_and_blobs_a_secret_connection_string()
    {
        var resources = await PublishAsync();

        Assert.Equal("container.v0", resources.GetProperty("redis").GetProperty("type").GetString());
        Assert.Contains("forgetcloud-redis-data", resources.GetProperty("redis").GetProperty("volumes").GetRawText(), StringComparison.Ordinal);
        var messaging = resources.GetProperty("messaging");
        Assert.Equal("container.v0", messaging.GetProperty("type").GetString());
        Assert.Equal("-rabbit consumer_timeout 604800000", Env(messaging, "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"));
        // The management API (the Azure deployment's queue-depth scalers) and a node name that survives a new hostname.
        Assert.EndsWith("-management", messaging.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal(15672, messaging.GetProperty("bindings").GetProperty("management").GetProperty("targetPort").GetInt32());
        Assert.Equal("rabbit@localhost", Env(messaging, "RABBITMQ_NODENAME"));
        Assert.Contains("forgetcloud-rabbitmq-data", messaging.GetProperty("volumes").GetRawText(), StringComparison.Ordinal);
        // No Azurite (and its public development key) in the cloud: a storage account's connection string, asked for at deployment.
        var blobs = resources.GetProperty("blobs");
        Assert.Equal("parameter.v0", blobs.GetProperty("type").GetString());
        Assert.True(blobs.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.DoesNotContain(AzuriteResourceBuilder.Image, resources.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_service_gets_the_three_connection_strings_and_no_path_of_this_machine()
    {
        var resources = await PublishAsync();

        foreach (var service in Services)
        {
            var resource = resources.GetProperty(service);
            Assert.Equal("project.v0", resource.GetProperty("type").GetString());
            foreach (var connection in (string[])[ResourceNames.Redis, ResourceNames.Messaging, ResourceNames.Blobs])
                Assert.Equal($"{{{connection}.connectionString}}", Env(resource, $"ConnectionStrings__{connection}"));
            var values = resource.GetProperty("env").EnumerateObject().Select(v => $"{v.Name}={v.Value.GetString()}").ToList();
            Assert.DoesNotContain(values, v => v.Contains("=/", StringComparison.Ordinal));
        }
        Assert.True(resources.GetProperty("api").GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
    }

    [Fact]
    public async Task The_published_api_requires_authentication_with_the_key_hash_from_a_secret_parameter()
    {
        var resources = await PublishAsync();

        var api = resources.GetProperty("api");
        Assert.Equal("true", Env(api, ApiKeyExtensions.RequiredVariable));
        Assert.Equal($"{{{ApiKeyExtensions.HashParameter}.value}}", Env(api, ApiKeyExtensions.HashVariable));
        var hash = resources.GetProperty(ApiKeyExtensions.HashParameter);
        Assert.Equal("parameter.v0", hash.GetProperty("type").GetString());
        Assert.True(hash.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        // The workers know nothing of the Api's key.
        foreach (var worker in Services.Where(s => s != "api"))
            Assert.DoesNotContain(resources.GetProperty(worker).GetProperty("env").EnumerateObject(), v => v.Name.StartsWith("ForgetCloud__Api__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connection_strings_mode_publishes_all_three_as_parameters_and_executables_cannot_be_published()
    {
        var resources = await PublishAsync($"{InfrastructureSettings.ModeKey}=connection-strings");

        foreach (var connection in (string[])[ResourceNames.Redis, ResourceNames.Messaging, ResourceNames.Blobs])
            Assert.Equal("parameter.v0", resources.GetProperty(connection).GetProperty("type").GetString());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync($"{InfrastructureSettings.ModeKey}=executables"));
        Assert.Contains("cannot be published", error.ToString(), StringComparison.Ordinal);
    }
}
