namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// The outcome of a load: a validated config and no errors, or no config and every error found. Warnings (keys
/// accepted for compatibility with the original framework but without effect) come either way.
/// </summary>
/// <param name="Config">The validated, resolved config; null when there are errors.</param>
/// <param name="Errors">Every error, in the order found.</param>
/// <param name="Warnings">Notices that don't stop the study.</param>
public sealed record StudyConfigLoadResult(StudyConfig? Config, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigError> Warnings)
{
    /// <summary>True when the config loaded and validated.</summary>
    public bool Succeeded => Config is not null;

    /// <summary>The config, or a <see cref="StudyConfigException"/> listing every error.</summary>
    public StudyConfig GetConfigOrThrow() => Config ?? throw new StudyConfigException(Errors);
}
