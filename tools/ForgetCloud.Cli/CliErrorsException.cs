namespace ForgetCloud.Cli;

/// <summary>
/// Several independent problems found at once (every bad field of a rejected config): each becomes its own
/// <c>error: ...</c> line, so none hides behind the first.
/// </summary>
public sealed class CliErrorsException : Exception
{
    public CliErrorsException(IReadOnlyList<string> lines)
        : base(string.Join("; ", lines))
    {
        if (lines.Count == 0) throw new ArgumentException("at least one error line is needed", nameof(lines));
        Lines = lines;
    }

    /// <summary>The error lines, without the <c>error: </c> prefix.</summary>
    public IReadOnlyList<string> Lines { get; }
}
