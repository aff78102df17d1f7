namespace ForgetCloud.Cli;

/// <summary>A problem with what the user asked for; its message is the whole error line.</summary>
public sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
