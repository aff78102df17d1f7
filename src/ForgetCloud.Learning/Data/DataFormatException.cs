namespace ForgetCloud.Learning.Data;

/// <summary>A dataset file that does not have the expected format; names the file and the 1-based line.</summary>
public sealed class DataFormatException(string filePath, int lineNumber, string problem)
    : Exception($"{filePath}:{lineNumber}: {problem}")
{
    public string FilePath { get; } = filePath;

    /// <summary>1-based line number.</summary>
    public int LineNumber { get; } = lineNumber;

    public string Problem { get; } = problem;
}
