using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>Names of the test sets in files (the original framework's keys).</summary>
public static class TaskNames
{
    public const string Gsm8k = "gsm8k";
    public const string AquaRat = "aqua_rat";

    public static string Of(StudyTask task) => task switch
    {
        StudyTask.Gsm8k => Gsm8k,
        StudyTask.AquaRat => AquaRat,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task"),
    };

    /// <summary>Display names: GSM8K, AQUA-RAT.</summary>
    public static string Label(StudyTask task) => task == StudyTask.Gsm8k ? "GSM8K" : "AQUA-RAT";
}
