namespace ForgetCloud.Contracts.Configuration;

/// <summary>A config that did not load or validate; <see cref="Errors"/> holds every problem found, not just the first.</summary>
public sealed class StudyConfigException : Exception
{
    /// <summary>Wraps the errors; the message lists them one per line.</summary>
    public StudyConfigException(IReadOnlyList<ConfigError> errors)
        : base(FormatMessage(errors)) => Errors = errors;

    /// <summary>Every error, in the order found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ConfigError> errors) =>
        errors.Count == 1
            ? "Invalid configuration: " + errors[0]
            : $"Invalid configuration ({errors.Count} errors):" + Environment.NewLine
              + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
