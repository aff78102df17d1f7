namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// Loads a study config from YAML or JSON (text or file), validating every key and reporting all problems at once;
/// writes a config back as YAML or JSON with every key spelled out (checkpoints store it).
/// </summary>
public static class StudyConfigLoader
{
    /// <summary>
    /// Loads a file; the format follows the extension (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>) and relative input
    /// paths resolve against the file's directory. A missing or unreadable file is an error in the result, not an exception.
    /// </summary>
    public static StudyConfigLoadResult LoadFile(string path, StudyConfigLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new StudyConfigLoadOptions();
        var fullPath = Path.GetFullPath(path);
        var diagnostics = new ConfigDiagnostics(path);

        if (!TryFormatOf(path, out var format))
        {
            diagnostics.Error("", $"unknown config file extension '{Path.GetExtension(path)}'; use .yaml, .yml or .json");
            return Fail(diagnostics);
        }
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            diagnostics.Error("", $"config file not found: {fullPath}");
            return Fail(diagnostics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error("", $"cannot read config file {fullPath}: {ex.Message}");
            return Fail(diagnostics);
        }
        return Load(text, format, Path.GetDirectoryName(fullPath)!, options, diagnostics);
    }

    /// <summary>Loads YAML or JSON text; relative input paths resolve against <see cref="StudyConfigLoadOptions.BaseDirectory"/>.</summary>
    public static StudyConfigLoadResult LoadText(string text, ConfigFormat format, StudyConfigLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new StudyConfigLoadOptions();
        var baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Directory.GetCurrentDirectory());
        return Load(text, format, baseDirectory, options, new ConfigDiagnostics(null));
    }

    /// <summary>The config as YAML, every key written.</summary>
    public static string ToYaml(StudyConfig config) => StudyConfigWriter.ToYaml(config);

    /// <summary>The config as indented JSON, every key written.</summary>
    public static string ToJson(StudyConfig config) => StudyConfigWriter.ToJson(config);

    /// <summary>The config in the given format.</summary>
    public static string Serialize(StudyConfig config, ConfigFormat format) =>
        format == ConfigFormat.Json ? ToJson(config) : ToYaml(config);

    /// <summary>Writes the config to a file whose extension picks the format.</summary>
    public static void SaveFile(StudyConfig config, string path) =>
        File.WriteAllText(path, Serialize(config, FormatOf(path)));

    /// <summary>The format a file extension implies; <see cref="ArgumentException"/> for anything but .yaml, .yml, .json.</summary>
    public static ConfigFormat FormatOf(string path) =>
        TryFormatOf(path, out var format)
            ? format
            : throw new ArgumentException($"unknown config file extension '{Path.GetExtension(path)}' in {path}; use .yaml, .yml or .json", nameof(path));

    private static bool TryFormatOf(string path, out ConfigFormat format)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".yaml" or ".yml": format = ConfigFormat.Yaml; return true;
            case ".json": format = ConfigFormat.Json; return true;
            default: format = default; return false;
        }
    }

    private static StudyConfigLoadResult Load(
        string text, ConfigFormat format, string baseDirectory, StudyConfigLoadOptions options, ConfigDiagnostics diagnostics)
    {
        ConfigNode? root;
        try
        {
            root = format == ConfigFormat.Json ? JsonConfigParser.Parse(text) : YamlConfigParser.Parse(text);
        }
        catch (ConfigSyntaxException ex)
        {
            diagnostics.Error("", ex.Message, ex.Line, ex.Column);
            return Fail(diagnostics);
        }
        if (root is null)
        {
            diagnostics.Error("", "the configuration is empty; expected a mapping with model, training, optimizer, ... (see docs/configuration.md)");
            return Fail(diagnostics);
        }

        var config = StudyConfigBinder.Bind(root, baseDirectory, options, diagnostics);
        return diagnostics.Errors.Count == 0
            ? new StudyConfigLoadResult(config, [], diagnostics.Warnings)
            : Fail(diagnostics);
    }

    private static StudyConfigLoadResult Fail(ConfigDiagnostics diagnostics) =>
        new(null, diagnostics.Errors, diagnostics.Warnings);
}
