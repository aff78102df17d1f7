using System.Net;
using System.Net.Http.Headers;

using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Downloads;

/// <summary>
/// Downloads the files a model needs from the Hugging Face hub (<c>{base}/{id}/resolve/{revision}/{file}</c>)
/// into <c>{cacheRoot}/{owner}--{name}/{revision}</c>, with <c>HF_TOKEN</c> bearer auth and resumable transfers
/// (a <c>.part</c> file continued with an HTTP Range request). A completed download is reused offline.
/// </summary>
public sealed class HubDownloader(HttpClient http, Uri baseUrl, string cacheRoot, string? token, string revision = "main") : IModelDownloader
{
    public static readonly Uri DefaultBaseUrl = new("https://huggingface.co/");
    private const string CompleteMarker = ".complete";

    private static readonly string[] OptionalFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json", "tokenizer.model"];

    public string CacheRoot { get; } = cacheRoot;

    /// <summary>Cache under <c>$FORGETCLOUD_CACHE</c>, else <c>~/.cache/forgetcloud</c>, plus <c>/hub</c>; token from <c>HF_TOKEN</c>;
    /// base URL from <c>HF_ENDPOINT</c> (as huggingface_hub) or huggingface.co.</summary>
    public static HubDownloader FromEnvironment(HttpClient? http = null)
    {
        var root = Environment.GetEnvironmentVariable("FORGETCLOUD_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "forgetcloud");
        var endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } e ? new Uri(e.TrimEnd('/') + "/") : DefaultBaseUrl;
        return new HubDownloader(http ?? new HttpClient(), endpoint, Path.Combine(root, "hub"),
            Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } t ? t : null);
    }

    public string DirectoryFor(string id) => Path.Combine(CacheRoot, id.Replace("/", "--", StringComparison.Ordinal), revision);

    /// <summary>Downloads config, tokenizer files and safetensors (single or index + shards); returns the directory.</summary>
    public async Task<string> DownloadModelAsync(string id, CancellationToken cancel = default)
    {
        if (!ModelSource.IsHubId(id)) throw new ArgumentException($"'{id}' is not a Hugging Face hub id (owner/name)");
        var directory = DirectoryFor(id);
        if (File.Exists(Path.Combine(directory, CompleteMarker))) return directory;
        Directory.CreateDirectory(directory);

        await DownloadFileAsync(id, LlamaCheckpoint.ConfigFile, directory, required: true, cancel).ConfigureAwait(false);
        foreach (var file in OptionalFiles) await DownloadFileAsync(id, file, directory, required: false, cancel).ConfigureAwait(false);
        if (await DownloadFileAsync(id, LlamaCheckpoint.IndexFile, directory, required: false, cancel).ConfigureAwait(false))
        {
            IReadOnlyDictionary<string, string> map;
            try
            {
                map = LlamaCheckpoint.ReadIndex(Path.Combine(directory, LlamaCheckpoint.IndexFile));
            }
            catch (InvalidDataException e)
            {
                throw new HubDownloadException($"Hugging Face model '{id}': {e.Message}", e);
            }
            foreach (var shard in map.Values.Distinct())
            {
                if (shard.Contains('/') || shard.Contains('\\') || shard.StartsWith('.'))
                    throw new HubDownloadException($"Hugging Face model '{id}': index names an unsafe shard path '{shard}'");
                await DownloadFileAsync(id, shard, directory, required: true, cancel).ConfigureAwait(false);
            }
        }
        else
        {
            await DownloadFileAsync(id, LlamaCheckpoint.WeightsFile, directory, required: true, cancel).ConfigureAwait(false);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, CompleteMarker), DateTime.UtcNow.ToString("O"), cancel).ConfigureAwait(false);
        return directory;
    }

    /// <summary>Fetches one file unless already present; returns false when an optional file does not exist (404).</summary>
    public async Task<bool> DownloadFileAsync(string id, string file, string directory, bool required, CancellationToken cancel = default)
    {
        var target = Path.Combine(directory, file);
        if (File.Exists(target)) return true;
        var part = target + ".part";
        var url = new Uri(baseUrl, $"{id}/resolve/{revision}/{file}");
        for (var attempt = 0; ; attempt++)
        {
            var resumeFrom = File.Exists(part) ? new FileInfo(part).Length : 0;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (resumeFrom > 0) request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new HubDownloadException($"Hugging Face model '{id}': cannot reach {baseUrl.Host} to fetch {file} ({e.Message}); offline?", e);
            }
            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        throw new HubDownloadException($"Hugging Face model '{id}': access denied to {file} (HTTP {(int)response.StatusCode}); " +
                            (token is null ? "set HF_TOKEN to a token that can read this repository" : "the HF_TOKEN given cannot read this repository"));
                    case HttpStatusCode.NotFound when !required:
                        return false;
                    case HttpStatusCode.NotFound:
                        throw new HubDownloadException($"Hugging Face model '{id}': {file} not found (HTTP 404); check the id and revision '{revision}'");
                    case HttpStatusCode.RequestedRangeNotSatisfiable when attempt == 0:
                        File.Delete(part); // the partial file does not match the remote one: start over
                        continue;
                }
                if (!response.IsSuccessStatusCode)
                    throw new HubDownloadException($"Hugging Face model '{id}': fetching {file} failed with HTTP {(int)response.StatusCode} {response.ReasonPhrase}");

                var append = response.StatusCode == HttpStatusCode.PartialContent && resumeFrom > 0;
                try
                {
                    await using (var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write))
                    await using (var input = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false))
                        await input.CopyToAsync(output, cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException and not HubDownloadException)
                {
                    throw new HubDownloadException($"Hugging Face model '{id}': transfer of {file} broke off ({e.Message}); run again to resume", e);
                }
                var expected = response.Content.Headers.ContentRange?.Length ?? (append ? null : response.Content.Headers.ContentLength);
                var actual = new FileInfo(part).Length;
                if (expected is { } length && actual != length)
                    throw new HubDownloadException($"Hugging Face model '{id}': {file} arrived incomplete ({actual} of {length} bytes); run again to resume");
                File.Move(part, target, overwrite: true);
                return true;
            }
        }
    }
}
