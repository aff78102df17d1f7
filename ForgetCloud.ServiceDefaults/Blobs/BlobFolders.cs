using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>
/// Folder-shaped operations on the one container (blob "directories" are name prefixes ending in <c>/</c>), shared by
/// the workers: upload a local directory under a prefix (with a chosen file last, the commit marker readers wait for),
/// download a prefix into a directory, list immediate children, and small text blobs.
/// </summary>
public static class BlobFolders
{
    /// <summary>
    /// Uploads every file under <paramref name="directory"/> to <paramref name="prefix"/> + its relative path
    /// (overwriting). <paramref name="lastFile"/> (a relative path) is uploaded after all others, so a reader that
    /// sees it sees a complete folder. Returns the number of files.
    /// </summary>
    public static async Task<int> UploadDirectoryAsync(
        this BlobContainerClient container, string directory, string prefix, string? lastFile = null, CancellationToken cancellationToken = default)
    {
        RequirePrefix(prefix);
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Name == lastFile ? 1 : 0).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();
        if (lastFile is not null && files.All(f => f.Name != lastFile))
            throw new FileNotFoundException($"'{directory}' has no '{lastFile}' to upload last", Path.Combine(directory, lastFile));
        foreach (var (path, name) in files)
        {
            await container.GetBlobClient(prefix + name).UploadAsync(path, overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        return files.Length;
    }

    /// <summary>
    /// Downloads every blob under <paramref name="prefix"/> into <paramref name="directory"/> (relative names become
    /// relative paths). Throws <see cref="FileNotFoundException"/> naming the prefix when it holds no blob.
    /// </summary>
    public static async Task<int> DownloadDirectoryAsync(
        this BlobContainerClient container, string prefix, string directory, CancellationToken cancellationToken = default)
    {
        RequirePrefix(prefix);
        Directory.CreateDirectory(directory);
        var count = 0;
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            var relative = item.Name[prefix.Length..];
            var target = Path.GetFullPath(Path.Combine(directory, relative));
            if (!target.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"blob '{item.Name}' would be written outside '{directory}'");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await container.GetBlobClient(item.Name).DownloadToAsync(target, cancellationToken).ConfigureAwait(false);
            count++;
        }
        if (count == 0)
            throw new FileNotFoundException($"blob storage has nothing under '{prefix}' (container '{container.Name}')");
        return count;
    }

    /// <summary>The names of the immediate child "folders" of <paramref name="prefix"/> (without the prefix or a trailing <c>/</c>).</summary>
    public static async Task<IReadOnlyList<string>> ListFoldersAsync(
        this BlobContainerClient container, string prefix, CancellationToken cancellationToken = default)
    {
        RequirePrefix(prefix);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix)
                names.Add(item.Prefix[prefix.Length..].TrimEnd('/'));
        }
        return names;
    }

    /// <summary>True when the blob exists.</summary>
    public static async Task<bool> ExistsAsync(this BlobContainerClient container, string blobName, CancellationToken cancellationToken = default) =>
        (await container.GetBlobClient(blobName).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The text of a blob; <see cref="FileNotFoundException"/> naming it when missing.</summary>
    public static async Task<string> DownloadTextAsync(this BlobContainerClient container, string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"blob '{blobName}' does not exist (container '{container.Name}')", blobName, e);
        }
    }

    /// <summary>Writes a text blob, replacing it.</summary>
    public static Task UploadTextAsync(this BlobContainerClient container, string blobName, string text, CancellationToken cancellationToken = default) =>
        container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);

    private static void RequirePrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !prefix.EndsWith('/'))
            throw new ArgumentException($"'{prefix}' is not a blob folder prefix (it must end in '/')", nameof(prefix));
    }
}
