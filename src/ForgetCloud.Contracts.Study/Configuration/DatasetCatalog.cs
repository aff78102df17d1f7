namespace ForgetCloud.Contracts.Configuration;

/// <summary>What the config needs to know about the datasets and the model: split names and LoRA targets.</summary>
public static class DatasetCatalog
{
    /// <summary>The test split every evaluation reads.</summary>
    public const string TestSplit = "test";

    /// <summary>
    /// The splits of a dataset, named as the original releases name their files: GSM8K ships train and test;
    /// AQUA-RAT ships train, dev and test.
    /// </summary>
    public static IReadOnlyList<string> Splits(DatasetKind dataset) => dataset switch
    {
        DatasetKind.Gsm8k => ["train", "test"],
        DatasetKind.AquaRat => ["train", "dev", "test"],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };

    /// <summary>The splits a stage may train on: all but <see cref="TestSplit"/>, which evaluation holds out.</summary>
    public static IReadOnlyList<string> TrainingSplits(DatasetKind dataset) => [.. Splits(dataset).Where(s => s != TestSplit)];

    /// <summary>The Llama projection names LoRA may target (<c>model.target_modules</c>).</summary>
    public static IReadOnlyList<string> LoraTargetModules { get; } =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];
}
