namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// The spelling of every enumerated config value as it appears in YAML/JSON (snake_case, like the original
/// framework), in both directions. Arm names, blob paths and logs use the same spellings.
/// </summary>
public static class ConfigNames
{
    internal static readonly NameTable<OptimizerKind> Optimizers = new((OptimizerKind.AdamW, "adamw"), (OptimizerKind.Muon, "muon"));
    internal static readonly NameTable<DatasetKind> Datasets = new((DatasetKind.Gsm8k, "gsm8k"), (DatasetKind.AquaRat, "aqua_rat"));
    internal static readonly NameTable<LrSchedulerType> Schedulers = new(
        (LrSchedulerType.Linear, "linear"), (LrSchedulerType.Cosine, "cosine"), (LrSchedulerType.Constant, "constant"));
    internal static readonly NameTable<Precision> Precisions = new((Precision.Auto, "auto"), (Precision.Fp32, "fp32"), (Precision.Bf16, "bf16"));
    internal static readonly NameTable<DataSourceKind> DataSources = new((DataSourceKind.Download, "download"), (DataSourceKind.Local, "local"));
    internal static readonly NameTable<ModelSourceKind> ModelSources = new(
        (ModelSourceKind.Preset, "preset"), (ModelSourceKind.Local, "local"), (ModelSourceKind.Hub, "hub"));
    internal static readonly NameTable<LoraStage2Mode> LoraStage2Modes = new(
        (LoraStage2Mode.Continue, "continue"), (LoraStage2Mode.MergeAndNew, "merge_and_new"));
    internal static readonly NameTable<FourBitQuantType> FourBitQuantTypes = new((FourBitQuantType.Nf4, "nf4"), (FourBitQuantType.Fp4, "fp4"));
    internal static readonly NameTable<MuonLoraFactors> MuonLoraFactorChoices = new(
        (MuonLoraFactors.Both, "both"), (MuonLoraFactors.BOnly, "b_only"));

    /// <summary>The config spelling of an optimizer: <c>adamw</c>, <c>muon</c>.</summary>
    public static string Of(OptimizerKind value) => Optimizers.Name(value);

    /// <summary>The config spelling of a dataset: <c>gsm8k</c>, <c>aqua_rat</c>.</summary>
    public static string Of(DatasetKind value) => Datasets.Name(value);

    /// <summary>The config spelling of a schedule: <c>linear</c>, <c>cosine</c>, <c>constant</c>.</summary>
    public static string Of(LrSchedulerType value) => Schedulers.Name(value);

    /// <summary>The config spelling of a precision: <c>auto</c>, <c>fp32</c>, <c>bf16</c>.</summary>
    public static string Of(Precision value) => Precisions.Name(value);

    /// <summary>The config spelling of a data source: <c>download</c>, <c>local</c>.</summary>
    public static string Of(DataSourceKind value) => DataSources.Name(value);

    /// <summary>The config spelling of a model source: <c>preset</c>, <c>local</c>, <c>hub</c>.</summary>
    public static string Of(ModelSourceKind value) => ModelSources.Name(value);

    /// <summary>The config spelling of a stage-2 LoRA mode: <c>continue</c>, <c>merge_and_new</c>.</summary>
    public static string Of(LoraStage2Mode value) => LoraStage2Modes.Name(value);

    /// <summary>The config spelling of Muon's LoRA factor choice: <c>both</c>, <c>b_only</c>.</summary>
    public static string Of(MuonLoraFactors value) => MuonLoraFactorChoices.Name(value);

    /// <summary>The config spelling of a 4-bit codebook: <c>nf4</c>, <c>fp4</c>.</summary>
    public static string Of(FourBitQuantType value) => FourBitQuantTypes.Name(value);

    /// <summary>Parses a 4-bit codebook name (<c>nf4</c> or <c>fp4</c>); false for anything else.</summary>
    public static bool TryParseFourBitQuantType(string text, out FourBitQuantType value) => FourBitQuantTypes.TryParse(text, out value);

    /// <summary>Parses an optimizer name (<c>adamw</c> or <c>muon</c>, exact spelling); false for anything else.</summary>
    public static bool TryParseOptimizer(string text, out OptimizerKind value) => Optimizers.TryParse(text, out value);
}
