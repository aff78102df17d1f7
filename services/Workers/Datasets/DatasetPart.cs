namespace ForgetCloud.Workers.Datasets;

/// <summary>The four content-addressed parts of a study's data, each its own <c>datasets/&lt;hash&gt;/</c> folder.</summary>
public static class DatasetPart
{
    /// <summary>Stage 1's training split, rendered and tokenized.</summary>
    public const string Stage1 = "stage1";

    /// <summary>Stage 2's training split, rendered and tokenized.</summary>
    public const string Stage2 = "stage2";

    /// <summary>The GSM8K test set as parsed examples (the evaluator renders and tokenizes prompts itself).</summary>
    public const string Gsm8kTest = "gsm8k_test";

    /// <summary>The AQUA-RAT test set as parsed examples.</summary>
    public const string AquaRatTest = "aqua_rat_test";

    /// <summary>In the order DataPrep lists them in <c>DatasetsPrepared.DatasetRefs</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [Stage1, Stage2, Gsm8kTest, AquaRatTest];

    public static string ForStage(int stage) => stage switch
    {
        1 => Stage1,
        2 => Stage2,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "a study trains stages 1 and 2"),
    };
}
