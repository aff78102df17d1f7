using System.Text.Json;
using ForgetCloud.Contracts;
using Microsoft.Net.Http.Headers;

namespace ForgetCloud.Api.Submissions;

/// <summary>
/// Checks shared by the state-changing routes: a JSON or YAML content type (so that a cross-site form, which can
/// only send form and text types, cannot submit or cancel), no unknown fields or query parameters (a typo is a
/// 400 with the CLI's did-you-mean, never silently ignored).
/// </summary>
public static class RequestFields
{
    /// <summary>Options for reading request bodies as documents: the config's depth limit, no comments.</summary>
    public static readonly JsonDocumentOptions Document = new() { MaxDepth = Contracts.Configuration.ConfigLimits.MaxDepth };

    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
        && parsed.MediaType.Value is { } type && type.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Names of a type's JSON properties under the Api's conventions (snake_case).</summary>
    public static IReadOnlyList<string> PropertyNames<T>(JsonSerializerOptions json) =>
        [.. json.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name)];

    /// <summary>Each name in <paramref name="given"/> not in <paramref name="known"/>, as an error with did-you-mean.</summary>
    public static void Unknown(IEnumerable<string> given, IReadOnlyList<string> known, string what, Dictionary<string, string[]> errors)
    {
        foreach (var name in given)
        {
            if (known.Contains(name, StringComparer.Ordinal)) continue;
            var choices = known.Count == 0 ? "this route takes none" : $"known: {string.Join(", ", known)}";
            errors[name] = [$"unknown {what}{NameSuggestion.Hint(name, known)} ({choices})"];
        }
    }
}
