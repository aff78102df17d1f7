namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// Fetches a Hugging Face hub model (config.json, tokenizer, safetensors) into a local directory. The science needs
/// only the directory; the HTTP client behind it lives at the edge (ForgetCloud.Downloads).
/// </summary>
public interface IModelDownloader
{
    /// <summary>The local directory holding the model <paramref name="id"/> (owner/name), downloaded if not cached.</summary>
    Task<string> DownloadModelAsync(string id, CancellationToken cancel = default);
}
