namespace ForgetCloud.Contracts.Configuration;

/// <summary>How <see cref="StudyConfigLoader"/> resolves and checks paths and names.</summary>
public sealed record StudyConfigLoadOptions
{
    /// <summary>
    /// The directory relative input paths (model directory, tokenizer, data.local_dir, data.cache_dir) resolve
    /// against when loading text. Loading a file always uses the file's directory. Null = the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Check that input directories and files exist (true by default). A service that validates a config for a
    /// different machine (the HTTP API) turns this off; the process that reads the data checks again.
    /// </summary>
    public bool CheckPaths { get; init; } = true;

    /// <summary>
    /// The model presets ForgetCloud.Learning defines, to report an unknown <c>model.name</c> preset (with a
    /// suggestion) at load time. Null = not checked here.
    /// </summary>
    public IReadOnlyCollection<string>? KnownModelPresets { get; init; }
}
