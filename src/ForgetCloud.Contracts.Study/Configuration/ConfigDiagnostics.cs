namespace ForgetCloud.Contracts.Configuration;

/// <summary>Collects every error and warning of one load, with the file they belong to.</summary>
internal sealed class ConfigDiagnostics(string? file)
{
    public List<ConfigError> Errors { get; } = [];
    public List<ConfigError> Warnings { get; } = [];

    public void Error(string path, string message, ConfigNode? at = null) =>
        Errors.Add(new ConfigError(path, message) { File = file, Line = at?.Line, Column = at?.Column });

    public void Error(string path, string message, int? line, int? column) =>
        Errors.Add(new ConfigError(path, message) { File = file, Line = line, Column = column });

    public void Warning(string path, string message, ConfigNode? at = null) =>
        Warnings.Add(new ConfigError(path, message) { File = file, Line = at?.Line, Column = at?.Column });
}
