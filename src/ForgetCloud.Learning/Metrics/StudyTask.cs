namespace ForgetCloud.Learning.Metrics;

/// <summary>Columns of the score matrix R: the test set evaluated.</summary>
public enum StudyTask
{
    /// <summary>GSM8K, the stage-1 task.</summary>
    Gsm8k = 0,

    /// <summary>AQUA-RAT, the stage-2 task.</summary>
    AquaRat = 1,
}
