using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Execution;

/// <summary>
/// From a config to the data a study needs: the source (<c>data.source</c>: a local directory or downloads cached in
/// <c>data.cache_dir</c>), each stage's training split rendered with its prompt format and tokenized to its
/// <c>max_length</c>, and the GSM8K and AQUA-RAT test sets. The data depends only on the config and the tokenizer,
/// never on the optimizer or the seed, so every arm of a study shares one preparation.
/// </summary>
public static class DatasetPreparation
{
    /// <summary>
    /// The dataset source the config names: its local directory, or (<c>data.source: download</c>) the
    /// <paramref name="download"/> source the caller built (ForgetCloud.Downloads); without one, downloads are an error.
    /// </summary>
    public static IDatasetSource SourceFor(DataConfig data, Func<string, IDatasetSource>? download = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Source switch
        {
            DataSourceKind.Local => new LocalDatasetSource(data.LocalDir
                ?? throw new ArgumentException("data.local_dir is required when data.source is local")),
            DataSourceKind.Download => download?.Invoke(data.EffectiveCacheDir)
                ?? throw new ArgumentException("data.source is download, but this caller can't download datasets; use data.source: local with data.local_dir"),
            _ => throw new ArgumentOutOfRangeException(nameof(data), data.Source, "unknown data.source"),
        };
    }

    /// <summary>Loads, renders and tokenizes both stages' training splits and loads both test sets.</summary>
    /// <param name="source">Where the files come from; null = <see cref="SourceFor"/>(config.Data) (local only).</param>
    public static async Task<PreparedDatasets> PrepareAsync(
        StudyConfig config, ITextTokenizer tokenizer, IDatasetSource? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var loader = new DatasetLoader(source ?? SourceFor(config.Data));
        var stage1 = await PrepareStageAsync(loader, config, 1, tokenizer, cancellationToken).ConfigureAwait(false);
        var stage2 = await PrepareStageAsync(loader, config, 2, tokenizer, cancellationToken).ConfigureAwait(false);
        var gsm8k = await loader.LoadGsm8kAsync(PreparedDatasets.TestSplit, cancellationToken).ConfigureAwait(false);
        var aquaRat = await loader.LoadAquaRatAsync(PreparedDatasets.TestSplit, cancellationToken).ConfigureAwait(false);
        return new PreparedDatasets(stage1, stage2, gsm8k, aquaRat);
    }

    /// <summary>
    /// The batches of a stage: <c>batch_size</c>, padded with the tokenizer's pad id, ordered by
    /// <see cref="BatchPlan"/> from <paramref name="seed"/> (the arm's seed), so arms with the same seed see the same
    /// batches whatever their optimizer.
    /// </summary>
    public static BatchPlan PlanFor(StudyConfig config, int stage, PreparedDatasets data, ITextTokenizer tokenizer, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new BatchPlan(data.Stage(stage).Data.Examples, config.Training.Stage(stage).BatchSize, seed, tokenizer.PadTokenId);
    }

    private static async Task<PreparedStageData> PrepareStageAsync(
        DatasetLoader loader, StudyConfig config, int stage, ITextTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var stageConfig = config.Training.Stage(stage);
        var rendered = await loader.LoadRenderedAsync(stageConfig.Dataset, stageConfig.Split, cancellationToken).ConfigureAwait(false);
        var chosen = stageConfig.MaxExamples is { } limit && limit < rendered.Count ? rendered.Take(limit).ToArray() : rendered;
        if (chosen.Count == 0)
        {
            throw new ArgumentException(
                $"training.stage{stage}: {DatasetFiles.Name(stageConfig.Dataset)} split '{stageConfig.Split}' gives no examples (max_examples {stageConfig.MaxExamples})");
        }

        var tokenized = new ExampleTokenizer(tokenizer, stageConfig.MaxLength).TokenizeAll(chosen);
        return new PreparedStageData(stage, stageConfig.Dataset, stageConfig.Split, tokenized);
    }
}
