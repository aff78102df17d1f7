using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Downloads;

/// <summary>
/// Downloads splits from their public locations (config <c>data.source: download</c>) into
/// <c>{cache}/{dataset}/{file}</c> and reuses a cached file without touching the network. A download is written to
/// a uniquely named <c>{file}.{random}.part</c> beside it and renamed into place only once complete, so a crash or
/// a concurrent download never leaves a partial file under the final name.
/// </summary>
public sealed class DownloadingDatasetSource : IDatasetSource
{
    private readonly HttpClient _http;
    private readonly IReadOnlyDictionary<DatasetKind, Uri> _baseUris;

    /// <param name="cacheDirectory">Created when missing.</param>
    /// <param name="http">Caller-owned client (timeouts, proxies).</param>
    /// <param name="baseUris">Per-dataset base URL (ending in '/'); defaults to <see cref="DatasetFiles.DefaultBaseUri"/>.</param>
    public DownloadingDatasetSource(
        string cacheDirectory, HttpClient http, IReadOnlyDictionary<DatasetKind, Uri>? baseUris = null)
    {
        CacheDirectory = Path.GetFullPath(cacheDirectory);
        _http = http;
        _baseUris = baseUris ?? new Dictionary<DatasetKind, Uri>();
    }

    public string CacheDirectory { get; }

    public Uri UrlOf(DatasetKind dataset, string split)
    {
        var baseUri = _baseUris.TryGetValue(dataset, out var b) ? b : DatasetFiles.DefaultBaseUri(dataset);
        return new Uri(baseUri, DatasetFiles.FileName(dataset, split));
    }

    public string CachePathOf(DatasetKind dataset, string split) =>
        Path.Combine(CacheDirectory, DatasetFiles.RelativePath(dataset, split));

    public async Task<string> GetSplitFileAsync(
        DatasetKind dataset, string split, CancellationToken cancellationToken = default)
    {
        var target = CachePathOf(dataset, split);
        if (File.Exists(target)) return target;

        var url = UrlOf(dataset, split);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var part = $"{target}.{Path.GetRandomFileName()}.part";
        try
        {
            await DownloadAsync(url, part, dataset, split, cancellationToken).ConfigureAwait(false);
            File.Move(part, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }

        return target;
    }

    private async Task DownloadAsync(
        Uri url, string part, DatasetKind dataset, string split, CancellationToken cancellationToken)
    {
        const string hint = "check the network, or set data.source: local with a directory holding " +
                            "gsm8k/{split}.jsonl and aqua_rat/{split}.json";
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw new DatasetDownloadException(
                    url, $"{DatasetFiles.Name(dataset)} split '{split}' not found: {url} answered 404 Not Found");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DatasetDownloadException(
                    url, $"downloading {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}; {hint}");
            }

            var expected = response.Content.Headers.ContentLength;
            long written;
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                written = file.Length;
            }

            // HttpClient reports most early closes itself; this catches any it lets through.
            if (expected is { } length && written != length)
            {
                throw new DatasetDownloadException(
                    url, $"downloading {url} was truncated: received {written} of {length} bytes; {hint}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new DatasetDownloadException(url, $"downloading {url} failed: {e.Message}; {hint}", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new DatasetDownloadException(url, $"downloading {url} failed: {e.Message}; {hint}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DatasetDownloadException(url, $"downloading {url} timed out; {hint}", e);
        }
    }
}
