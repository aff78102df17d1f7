namespace ForgetCloud.Contracts.Configuration;

/// <summary>Where raw datasets come from (<c>data.source</c>).</summary>
public enum DataSourceKind
{
    /// <summary><c>download</c>: from the datasets' public locations, cached in <c>data.cache_dir</c>.</summary>
    Download,

    /// <summary><c>local</c>: from <c>data.local_dir</c>/&lt;dataset&gt;/&lt;split&gt; files; nothing is downloaded.</summary>
    Local,
}
