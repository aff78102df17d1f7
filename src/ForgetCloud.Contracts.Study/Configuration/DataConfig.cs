namespace ForgetCloud.Contracts.Configuration;

/// <summary>The <c>data</c> section: where the raw datasets come from.</summary>
public sealed record DataConfig
{
    /// <summary><c>data.source</c>.</summary>
    public DataSourceKind Source { get; init; } = DataSourceKind.Download;

    /// <summary>
    /// <c>data.local_dir</c>: required when the source is local; holds <c>gsm8k/</c> and <c>aqua_rat/</c>. Absolute
    /// after loading (relative paths resolve against the config file's directory).
    /// </summary>
    public string? LocalDir { get; init; }

    /// <summary>
    /// <c>data.cache_dir</c>: where downloads are cached; null = <see cref="DefaultCacheDir"/>. Absolute after loading.
    /// </summary>
    public string? CacheDir { get; init; }

    /// <summary>The cache directory in effect: <see cref="CacheDir"/> or <see cref="DefaultCacheDir"/>.</summary>
    public string EffectiveCacheDir => CacheDir ?? DefaultCacheDir();

    /// <summary>$XDG_CACHE_HOME/forgetcloud/datasets, or ~/.cache/forgetcloud/datasets.</summary>
    public static string DefaultCacheDir()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "forgetcloud", "datasets");
    }
}
