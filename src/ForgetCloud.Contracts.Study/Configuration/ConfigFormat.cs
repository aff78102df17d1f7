namespace ForgetCloud.Contracts.Configuration;

/// <summary>The text format of a config.</summary>
public enum ConfigFormat
{
    /// <summary>YAML (<c>.yaml</c>, <c>.yml</c>): the original framework's format.</summary>
    Yaml,

    /// <summary>JSON (<c>.json</c>; comments allowed): what the HTTP API also accepts.</summary>
    Json,
}
