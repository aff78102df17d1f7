namespace ForgetCloud.Learning.Metrics;

/// <summary>Rows of the score matrix R: the model that was evaluated.</summary>
public enum StudyStage
{
    /// <summary>The base model, before any training.</summary>
    Base = 0,

    /// <summary>After stage 1 (GSM8K).</summary>
    AfterStage1 = 1,

    /// <summary>After stage 2 (AQUA-RAT).</summary>
    AfterStage2 = 2,
}
