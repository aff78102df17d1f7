using ForgetCloud.Contracts.Configuration;
namespace ForgetCloud.Learning.Data;

/// <summary>Loads parsed splits from a source.</summary>
public sealed class DatasetLoader(IDatasetSource source)
{
    public async Task<IReadOnlyList<Gsm8kExample>> LoadGsm8kAsync(string split, CancellationToken cancellationToken = default)
    {
        var path = await source.GetSplitFileAsync(DatasetKind.Gsm8k, split, cancellationToken).ConfigureAwait(false);
        return Gsm8kReader.ReadFile(path, split);
    }

    public async Task<IReadOnlyList<AquaRatExample>> LoadAquaRatAsync(string split, CancellationToken cancellationToken = default)
    {
        var path = await source.GetSplitFileAsync(DatasetKind.AquaRat, split, cancellationToken).ConfigureAwait(false);
        return AquaRatReader.ReadFile(path, split);
    }

    /// <summary>A split rendered for training (prompt + target), whichever the dataset.</summary>
    public async Task<IReadOnlyList<RenderedExample>> LoadRenderedAsync(
        DatasetKind dataset, string split, CancellationToken cancellationToken = default) => dataset switch
    {
        DatasetKind.Gsm8k => [.. (await LoadGsm8kAsync(split, cancellationToken).ConfigureAwait(false))
            .Select(Gsm8kPromptFormat.Render)],
        DatasetKind.AquaRat => [.. (await LoadAquaRatAsync(split, cancellationToken).ConfigureAwait(false))
            .Select(AquaRatPromptFormat.Render)],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "unknown dataset"),
    };
}
