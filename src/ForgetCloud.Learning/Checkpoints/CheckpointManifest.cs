using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Checkpoints;

/// <summary>
/// <c>manifest.json</c>: every other file of a checkpoint with its size and SHA-256. It is written last, so a
/// checkpoint directory with a valid manifest whose files all match is complete and uncorrupted.
/// </summary>
public sealed record CheckpointManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("files")] IReadOnlyList<CheckpointFileEntry> Files)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "forgetcloud-stage-checkpoint";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Hashes every file of <paramref name="directory"/> (flat; no subdirectories) and writes the manifest.</summary>
    public static CheckpointManifest Create(string directory)
    {
        if (Directory.EnumerateDirectories(directory).Any())
            throw new InvalidOperationException($"checkpoint '{directory}' must be flat, but it has subdirectories");
        var files = Directory.EnumerateFiles(directory)
            .Where(f => Path.GetFileName(f) != FileName)
            .Order(StringComparer.Ordinal)
            .Select(f => new CheckpointFileEntry(Path.GetFileName(f), new FileInfo(f).Length, Sha256(f)))
            .ToList();
        var manifest = new CheckpointManifest(FormatName, CurrentVersion, files);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(manifest, Json));
        return manifest;
    }

    /// <summary>Checks that the manifest exists and parses, that every listed file exists with its size and hash, and
    /// that no unlisted file is present. Throws <see cref="CheckpointException"/> naming the first bad file.</summary>
    public static CheckpointManifest Verify(string directory)
    {
        if (!Directory.Exists(directory)) throw new CheckpointException($"checkpoint '{directory}' does not exist");
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new CheckpointException($"checkpoint '{directory}' is incomplete: it has no {FileName} (written last, so the save did not finish)");
        CheckpointManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path), Json)
                ?? throw new CheckpointException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path}: not a valid manifest: {e.Message}", e);
        }

        if (manifest.Format != FormatName || manifest.Version != CurrentVersion || manifest.Files is null)
            throw new CheckpointException($"{path}: format '{manifest.Format}' version {manifest.Version}; expected '{FormatName}' version {CurrentVersion}");
        foreach (var entry in manifest.Files)
        {
            var file = Path.Combine(directory, entry.Path);
            if (entry.Path.Contains('/') || entry.Path.Contains('\\') || entry.Path == FileName)
                throw new CheckpointException($"{path}: invalid file entry '{entry.Path}'");
            if (!File.Exists(file)) throw new CheckpointException($"checkpoint '{directory}' is incomplete: {entry.Path} is missing");
            var size = new FileInfo(file).Length;
            if (size != entry.Bytes)
                throw new CheckpointException($"checkpoint '{directory}' is corrupt: {entry.Path} has {size} bytes, the manifest says {entry.Bytes}");
            if (Sha256(file) != entry.Sha256)
                throw new CheckpointException($"checkpoint '{directory}' is corrupt: {entry.Path} does not match its SHA-256 in {FileName}");
        }

        var listed = manifest.Files.Select(f => f.Path).Append(FileName).ToHashSet(StringComparer.Ordinal);
        var extra = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Where(n => !listed.Contains(n!)).ToList();
        if (extra.Count > 0)
            throw new CheckpointException($"checkpoint '{directory}' has files its manifest does not list: {string.Join(", ", extra)}");
        return manifest;
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>One file of a checkpoint: its name, size in bytes and lowercase hex SHA-256.</summary>
public sealed record CheckpointFileEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256);
