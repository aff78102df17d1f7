using System.Reflection;
using System.Text.Json.Nodes;
using ForgetCloud.AppHost.Tests.Deployment;
using ForgetCloud.AppHost.Tests.Infrastructure;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>
/// The OpenAPI document the Api's build writes (services/Api/bin/&lt;configuration&gt;/net10.0/openapi.json): what
/// `redocly lint` (recommended rules, @redocly/cli from tests/assets) says of it, and that the running Api serves the same.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class OpenApiDocumentTests(LocalServersFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The Api is built in the configuration this test assembly was built in (a project reference).</summary>
    private static string BuildTimeDocumentPath => Path.Combine(RepositoryFiles.Root, "services", "Api", "bin",
        typeof(OpenApiDocumentTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0", "openapi.json");

    [Fact]
    public async Task The_build_time_document_passes_redocly_lint_with_no_error()
    {
        Assert.True(File.Exists(BuildTimeDocumentPath), $"{BuildTimeDocumentPath} is missing: the Api's build writes it");
        var cli = Path.Combine(RepositoryFiles.Root, "tests", "assets", "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run scripts/setup.d/10-test-assets.sh");

        // The recommended rules, named: a redocly.yaml found in the working directory would replace them otherwise.
        var lint = await ChildProcess.RunAsync("node", [cli, "lint", "--extends=recommended", "--format=json", BuildTimeDocumentPath], TimeSpan.FromMinutes(2),
            workingDirectory: Path.GetTempPath());

        var report = JsonNode.Parse(lint.Output)!;
        var problems = report["problems"]!.AsArray()
            .Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}").ToList();
        Assert.True(report["totals"]!["errors"]!.GetValue<int>() == 0 && lint.ExitCode == 0,
            $"redocly lint: exit {lint.ExitCode}\n{string.Join('\n', problems)}\n{lint.Error}");
    }

    [Fact]
    public async Task The_running_api_serves_the_build_time_document()
    {
        await using var host = await ApiTestHost.StartAsync(fixture);
        var served = JsonNode.Parse(await host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Token).WaitAsync(ApiTestHost.Timeout, Token))!;
        var built = JsonNode.Parse(await File.ReadAllTextAsync(BuildTimeDocumentPath, Token))!;

        Assert.Equal(built.ToJsonString(), served.ToJsonString());
        var submit = served["paths"]!["/api/runs"]!["post"]!;
        Assert.Equal("string", submit["requestBody"]!["content"]!["application/yaml"]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", submit["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "compare_optimizers")!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal(
            ["202", "400", "401", "403", "404", "409", "413", "415"],
            served["paths"]!["/api/runs/{id}/cancel"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
    }
}
