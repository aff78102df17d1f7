using ForgetCloud.Contracts.Configuration;
using System.Text.RegularExpressions;

namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// Where a model comes from: a preset name, a local Hugging Face model directory, or a hub id (owner/name)
/// downloaded into the local cache. <see cref="Directory"/> is set for directories and (after download) hub ids.
/// </summary>
public sealed partial record ModelSource(string Spec, ModelSourceKind Kind, ModelPreset? Preset, string? Directory)
{
    /// <summary>Resolves a spec in this order: preset name, existing directory, hub id (downloaded if not cached).</summary>
    public static async Task<ModelSource> ResolveAsync(string spec, IModelDownloader? hub = null, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new ArgumentException("model source is empty (give a preset name, a directory or a hub id)");
        if (ModelPresets.TryGet(spec, out var preset)) return new ModelSource(spec, ModelSourceKind.Preset, preset, null);
        if (System.IO.Directory.Exists(spec)) return new ModelSource(spec, ModelSourceKind.Local, null, Path.GetFullPath(spec));
        if (!IsHubId(spec))
            throw new ArgumentException($"model '{spec}' is not a preset ({string.Join(", ", ModelPresets.All.Select(p => p.Name))}), " +
                                        "not an existing directory, and not a Hugging Face hub id (owner/name)");
        if (hub is null)
            throw new ArgumentException($"model '{spec}' is a Hugging Face hub id, but this caller can't download models; give the model's local directory (config.json + safetensors)");
        var directory = await hub.DownloadModelAsync(spec, cancel).ConfigureAwait(false);
        return new ModelSource(spec, ModelSourceKind.Hub, null, directory);
    }

    /// <summary>The architecture: the preset's, or the directory's <c>config.json</c> (no weights are read).</summary>
    public LlamaConfig Architecture() =>
        Preset?.Config ?? LlamaConfig.Load(Path.Combine(Directory ?? throw new InvalidOperationException($"model '{Spec}' has no directory"), "config.json"));

    public static ModelSource Resolve(string spec, IModelDownloader? hub = null) =>
        ResolveAsync(spec, hub).GetAwaiter().GetResult();

    public static bool IsHubId(string spec) => HubIdPattern().IsMatch(spec);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex HubIdPattern();
}
