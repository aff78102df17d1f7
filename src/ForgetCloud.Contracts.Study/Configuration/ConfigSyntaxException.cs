namespace ForgetCloud.Contracts.Configuration;

/// <summary>A YAML or JSON text that does not parse; carries the 1-based position of the problem.</summary>
internal sealed class ConfigSyntaxException(string message, int? line, int? column) : Exception(message)
{
    public int? Line { get; } = line;
    public int? Column { get; } = column;
}
