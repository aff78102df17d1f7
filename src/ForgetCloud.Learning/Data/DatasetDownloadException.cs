namespace ForgetCloud.Learning.Data;

/// <summary>A dataset split could not be downloaded; names the URL.</summary>
public sealed class DatasetDownloadException(Uri url, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public Uri Url { get; } = url;
}
