using System.CommandLine;

namespace ForgetCloud.Cli.Remote;

/// <summary><c>--api URL</c>, falling back to <c>FORGETCLOUD_API</c>: where the ForgetCloud Api listens.</summary>
public sealed class ApiOptions
{
    public const string Variable = "FORGETCLOUD_API";

    public Option<string?> Api { get; } = new("--api")
    {
        Description = $"The ForgetCloud Api's root URL, e.g. http://localhost:5080 (default: ${Variable})",
        HelpName = "url",
    };

    public void AddTo(Command command) => command.Options.Add(Api);

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
