using System.Text.Json;
using System.Text.RegularExpressions;
using ForgetCloud.AppHost.Tests.Infrastructure;

namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>
/// infra/main.bicep (compiled by the real bicep CLI) and the Aspire publish manifest (written by the real AppHost)
/// describe the same deployment: the same services, each with the manifest's environment variables, and every
/// variable that carries a secret in the manifest a <c>secretRef</c> in the container app.
/// </summary>
public sealed partial class BicepManifestAgreementTests
{
    // Set only in Azure: the managed identity the blob client uses, and the service name Container Apps lacks.
    private static readonly string[] CloudOnly = ["AZURE_CLIENT_ID", "OTEL_SERVICE_NAME"];

    [Fact]
    public async Task Both_deploy_the_same_services_with_the_same_variables_and_secrets()
    {
        var manifest = await PublishedManifest.ResourcesAsync();
        var projects = manifest.EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString() == "project.v0")
            .ToDictionary(r => r.Name, r => r.Value);
        var apps = ServiceApps(await BicepCli.MainTemplateAsync());

        Assert.Equal(projects.Keys.Order(StringComparer.Ordinal), apps.Keys.Order(StringComparer.Ordinal));
        foreach (var (service, project) in projects)
        {
            var published = project.GetProperty("env").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()!);
            var deployed = apps[service];

            Assert.True(published.Keys.Except(deployed.Keys).ToList() is [], $"{service}: the Bicep lacks {string.Join(", ", published.Keys.Except(deployed.Keys))}");
            var extra = deployed.Keys.Except(published.Keys).Except(CloudOnly).ToList();
            Assert.True(extra is [], $"{service}: the Bicep sets {string.Join(", ", extra)}, which the manifest does not");
            foreach (var (name, value) in published)
            {
                var secret = CarriesSecret(value, manifest, depth: 0);
                Assert.True(secret == deployed[name], $"{service} {name}: secret in the manifest {secret}, secretRef in the Bicep {deployed[name]}");
            }
        }
    }

    /// <summary>Service name → (variable → whether it is a secretRef), from every service-app module of the template.</summary>
    private static Dictionary<string, Dictionary<string, bool>> ServiceApps(JsonElement template)
    {
        var apps = new Dictionary<string, Dictionary<string, bool>>();
        foreach (var module in Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"))
        {
            var properties = module.GetProperty("properties");
            var app = Resources(properties.GetProperty("template")).SingleOrDefault(r => r.GetProperty("type").GetString() == "Microsoft.App/containerApps");
            if (app.ValueKind == JsonValueKind.Undefined || !properties.GetProperty("parameters").TryGetProperty("queues", out _)) continue;
            var parameters = properties.GetProperty("parameters");
            var name = parameters.GetProperty("name").GetProperty("value").GetString()!;
            var container = app.GetProperty("properties").GetProperty("template").GetProperty("containers").EnumerateArray().Single();
            apps[name] = EnvironmentOf(container.GetProperty("env"), properties.GetProperty("template").GetProperty("variables"), parameters.TryGetProperty("apiKeyHash", out _))
                .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.TryGetProperty("secretRef", out _));
        }
        return apps;
    }

    /// <summary>
    /// A container's variables. service-app.bicep lists them in two variables, <c>commonEnv</c> for every service and
    /// <c>apiEnv</c> (the Api's authentication) for the app given an <c>apiKeyHash</c>; ARM keeps the choice as an
    /// expression over both, which is checked to be that choice.
    /// </summary>
    private static IEnumerable<JsonElement> EnvironmentOf(JsonElement env, JsonElement variables, bool isApi)
    {
        if (env.ValueKind == JsonValueKind.Array)
            return env.EnumerateArray();
        var expression = env.GetString()!;
        Assert.Contains("variables('commonEnv')", expression, StringComparison.Ordinal);
        Assert.Contains("variables('apiEnv')", expression, StringComparison.Ordinal);
        var common = variables.GetProperty("commonEnv").EnumerateArray();
        return isApi ? common.Concat(variables.GetProperty("apiEnv").EnumerateArray()) : common;
    }

    /// <summary>ARM's resources: an array, or (symbolic names, languageVersion 2.0) an object.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template) => template.GetProperty("resources") switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        var symbolic => symbolic.EnumerateObject().Select(p => p.Value),
    };

    /// <summary>Whether a manifest expression reaches a secret parameter, directly or through connection strings.</summary>
    private static bool CarriesSecret(string expression, JsonElement manifest, int depth)
    {
        Assert.True(depth < 8, $"manifest references nest too deep at '{expression}'");
        foreach (Match reference in Reference().Matches(expression))
        {
            if (!manifest.TryGetProperty(reference.Groups["resource"].Value, out var resource)) continue;
            if (resource.GetProperty("type").GetString() == "parameter.v0"
                && resource.TryGetProperty("inputs", out var inputs)
                && inputs.EnumerateObject().Any(i => i.Value.TryGetProperty("secret", out var s) && s.GetBoolean()))
                return true;
            // A connection string, or a value derived from another (annotated.string: a parameter URI-encoded).
            var derived = reference.Groups["property"].Value switch
            {
                "connectionString" => "connectionString",
                "value" when resource.GetProperty("type").GetString() != "parameter.v0" => "value",
                _ => null,
            };
            if (derived is not null && resource.TryGetProperty(derived, out var inner) && CarriesSecret(inner.GetString()!, manifest, depth + 1))
                return true;
        }
        return false;
    }

    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9-]+)\.(?<property>[A-Za-z]+)")]
    private static partial Regex Reference();
}
