namespace ForgetCloud.Learning.Modeling;

/// <summary>A hub download failed; the message names the repository id and the reason.</summary>
public sealed class HubDownloadException(string message, Exception? inner = null) : IOException(message, inner);
