using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>The real AppHost in publish mode: writes Aspire's manifest (what azd deploys) and returns its resources.</summary>
public static class PublishedManifest
{
    public static async Task<JsonElement> ResourcesAsync(params string[] settings)
    {
        var output = Directory.CreateTempSubdirectory("forgetcloud-manifest-").FullName;
        try
        {
            var manifest = Path.Combine(output, "aspire-manifest.json");
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ForgetCloud_AppHost>(
                    ["--publisher", "manifest", "--output-path", manifest, .. settings], TestContext.Current.CancellationToken)
                .WaitAsync(LocalServersFixture.StartTimeout, TestContext.Current.CancellationToken);
            await using (var app = await builder.BuildAsync(TestContext.Current.CancellationToken))
                await app.RunAsync(TestContext.Current.CancellationToken).WaitAsync(LocalServersFixture.StartTimeout, TestContext.Current.CancellationToken);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken));
            return document.RootElement.GetProperty("resources").Clone();
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
