using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForgetCloud.Contracts.Api;

/// <summary>
/// The JSON conventions of the HTTP API, shared by the server and the Refit client: snake_case property names
/// (like the config keys and the original framework's flags) and enums as snake_case strings.
/// </summary>
public static class ForgetCloudApiJson
{
    /// <summary>Applies the conventions to options (the server's <c>HttpJsonOptions</c>, for example).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }

    /// <summary>New options with the conventions (web defaults otherwise).</summary>
    public static JsonSerializerOptions CreateOptions() => Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
