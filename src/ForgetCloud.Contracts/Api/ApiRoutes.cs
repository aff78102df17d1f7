namespace ForgetCloud.Contracts.Api;

/// <summary>The Api's paths, for links and clients.</summary>
public static class ApiRoutes
{
    /// <summary>The runs collection.</summary>
    public const string Runs = "/api/runs";

    /// <summary>The content types <c>POST /api/runs</c> takes as a bare YAML config.</summary>
    public static readonly IReadOnlyList<string> YamlContentTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>The largest request body the Api accepts by default (1 MiB); larger ones get 413.</summary>
    public const long DefaultMaxRequestBodyBytes = 1 << 20;

    /// <summary>One run: <c>/api/runs/{id}</c> (the Location of a submitted run).</summary>
    public static string Run(string runId) => $"{Runs}/{Uri.EscapeDataString(runId)}";
}
