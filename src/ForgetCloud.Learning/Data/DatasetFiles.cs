using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Data;

/// <summary>
/// File names and public locations of the supported datasets (their names and splits are the config's:
/// <see cref="DatasetCatalog"/>), in the layout the original repositories use: <c>gsm8k/{split}.jsonl</c>
/// (train, test) and <c>aqua_rat/{split}.json</c> (train, dev, test).
/// </summary>
public static class DatasetFiles
{
    public static readonly Uri Gsm8kBaseUri =
        new("https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/");

    public static readonly Uri AquaRatBaseUri = new("https://raw.githubusercontent.com/google-deepmind/AQuA/master/");

    /// <summary>The config name of a dataset: <c>gsm8k</c> or <c>aqua_rat</c> (also its folder name).</summary>
    public static string Name(DatasetKind dataset) => ConfigNames.Of(dataset);

    private static IReadOnlyList<string> Splits(DatasetKind dataset) => DatasetCatalog.Splits(dataset);

    /// <summary>The file holding a split, e.g. <c>test.jsonl</c> for GSM8K; an unknown split is an error.</summary>
    public static string FileName(DatasetKind dataset, string split)
    {
        if (!Splits(dataset).Contains(split))
        {
            throw new ArgumentException(
                $"unknown split '{split}' for {Name(dataset)}; allowed: {string.Join(", ", Splits(dataset))}",
                nameof(split));
        }

        return dataset == DatasetKind.Gsm8k ? $"{split}.jsonl" : $"{split}.json";
    }

    /// <summary>Path of a split relative to a data directory: <c>gsm8k/test.jsonl</c>.</summary>
    public static string RelativePath(DatasetKind dataset, string split) =>
        Path.Combine(Name(dataset), FileName(dataset, split));

    public static Uri DefaultBaseUri(DatasetKind dataset) => dataset switch
    {
        DatasetKind.Gsm8k => Gsm8kBaseUri,
        DatasetKind.AquaRat => AquaRatBaseUri,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "unknown dataset"),
    };

    /// <summary>Stable example id: <c>gsm8k/test/0042</c> (0-based line index, at least four digits).</summary>
    public static string ExampleId(DatasetKind dataset, string split, int lineIndex) =>
        $"{Name(dataset)}/{split}/{lineIndex:D4}";
}
