using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Execution;

namespace ForgetCloud.Downloads;

/// <summary>The dataset source a config names, downloads included.</summary>
public static class DatasetSources
{
    /// <summary><c>data.local_dir</c>, or downloads cached in <c>data.cache_dir</c> through <paramref name="http"/> (caller-owned).</summary>
    public static IDatasetSource For(DataConfig data, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return DatasetPreparation.SourceFor(data, cache => new DownloadingDatasetSource(cache, http));
    }
}
