namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// One problem in a config: the key's path (<c>training.stage1.learning_rate</c>, <c>model.target_modules[2]</c>;
/// empty for the document as a whole), what is wrong and what is allowed, and where in the file when known.
/// </summary>
/// <param name="Path">The dotted key path; empty for the whole document or file.</param>
/// <param name="Message">What is wrong, with the value found and what is allowed.</param>
public sealed record ConfigError(string Path, string Message)
{
    /// <summary>The config file, when the config came from a file.</summary>
    public string? File { get; init; }

    /// <summary>1-based line of the offending node, when known.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column of the offending node, when known.</summary>
    public int? Column { get; init; }

    /// <summary>
    /// One line, compiler style: <c>config.yaml:12:20: training.stage1.learning_rate: must be &gt; 0 (got -1)</c>.
    /// </summary>
    public override string ToString()
    {
        var location = (File, Line) switch
        {
            (not null, not null) => $"{File}:{Line}:{Column}: ",
            (not null, null) => $"{File}: ",
            (null, not null) => $"line {Line}, column {Column}: ",
            _ => "",
        };
        var path = Path.Length == 0 ? "" : Path + ": ";
        return location + path + Message;
    }
}
