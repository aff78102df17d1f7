using System.CommandLine;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// <c>--api URL</c>, falling back to <c>FORGETCLOUD_API</c>: where the ForgetCloud Api listens; <c>--api-key KEY</c>,
/// falling back to <c>FORGETCLOUD_API_KEY</c>: the key it asks for (none: an open Api).
/// </summary>
public sealed class ApiOptions
{
    public const string Variable = "FORGETCLOUD_API";
    public const string KeyVariable = "FORGETCLOUD_API_KEY";

    public Option<string?> Api { get; } = new("--api")
    {
        Description = $"The ForgetCloud Api's root URL, e.g. http://localhost:5080 (default: ${Variable})",
        HelpName = "url",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The Api's key, sent as 'Authorization: Bearer <key>' (default: ${KeyVariable}; prefer the variable: options show in process lists)",
        HelpName = "key",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Api);
        command.Options.Add(ApiKey);
    }

    /// <summary>A connection to the Api the options name, with the key when one is given.</summary>
    public ApiConnection Connect(ParseResult parse) => new(Read(parse), ReadKey(parse));

    /// <summary>The API key from the option or the environment; null when neither gives one.</summary>
    public string? ReadKey(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var (key, source) = parse.GetValue(ApiKey) is { } given
            ? (given, "--api-key")
            : (Environment.GetEnvironmentVariable(KeyVariable), KeyVariable);
        if (key is null || (source == KeyVariable && key.Length == 0))
            return null;
        if (string.IsNullOrWhiteSpace(key))
            throw new CliException($"{source} is empty; give the Api's key or leave it out for an Api without authentication");
        return key.Trim();
    }

    /// <summary>The Api's root URL from the option or the environment; a clear error when neither gives a usable one.</summary>
    public Uri Read(ParseResult parse)
    {
        var (text, source) = parse.GetValue(Api) is { } given
            ? (given, "--api")
            : (Environment.GetEnvironmentVariable(Variable), Variable);
        if (string.IsNullOrWhiteSpace(text))
            throw new CliException($"give the Api's URL with --api URL or the {Variable} environment variable (e.g. http://localhost:5080)");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"{source} '{text}' is not an http:// or https:// URL");
        // Refit appends its routes (/api/runs) to a base path: a prefix (http://host/forgetcloud) must not end in '/'.
        return uri.AbsolutePath.Length > 1 && uri.AbsolutePath.EndsWith('/')
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'))
            : uri;
    }
}
