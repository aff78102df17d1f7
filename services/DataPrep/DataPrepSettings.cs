namespace ForgetCloud.DataPrep;

/// <summary>Bound from <c>ForgetCloud:DataPrep</c>.</summary>
public sealed class DataPrepSettings
{
    public const string SectionName = "ForgetCloud:DataPrep";

    /// <summary>
    /// A folder with <c>gsm8k/</c> and <c>aqua_rat/</c> that replaces <c>data.local_dir</c> of every config with
    /// <c>data.source: local</c>: the config was written for the submitter's machine, this is where the data is on
    /// this one. Null = use the config's path as it is.
    /// </summary>
    public string? LocalDataDirectory { get; set; }
}
