using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.AppHost.Commands;

/// <summary>
/// The dashboard command on the Api resource that submits a study config file (the default study,
/// configs/tiny.yaml) through <c>POST /api/runs</c>, exactly as a client would.
/// </summary>
public static class StartStudyCommand
{
    public const string Name = "start-default-study";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="api">The Api resource.</param>
    /// <param name="configPath">The study config the command submits.</param>
    /// <param name="apiKey">The Api's key, sent as <c>Authorization: Bearer</c>; null for an open Api.</param>
    public static IResourceBuilder<ProjectResource> WithStartStudyCommand(this IResourceBuilder<ProjectResource> api, string configPath, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var endpoint = api.GetEndpoint("http");
        return api.WithCommand(Name, "Start default study", async context =>
        {
            if (!File.Exists(configPath))
                return CommandResults.Failure($"The study config {configPath} does not exist.");
            try
            {
                using var http = new HttpClient { Timeout = RequestTimeout };
                using var body = new StringContent(await File.ReadAllTextAsync(configPath, context.CancellationToken));
                body.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(endpoint.Url), "/api/runs")) { Content = body };
                if (apiKey is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                using var response = await http.SendAsync(request, context.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(context.CancellationToken);
                return response.IsSuccessStatusCode
                    ? CommandResults.Success($"Run started: {response.Headers.Location}")
                    : CommandResults.Failure($"POST /api/runs answered {(int)response.StatusCode}: {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return CommandResults.Failure($"The Api did not answer: {e.Message}");
            }
        }, new CommandOptions
        {
            Description = $"POST {Path.GetFileName(configPath)} to /api/runs",
            IconName = "Play",
            IsHighlighted = true,
            UpdateState = state => state.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
    }
}
