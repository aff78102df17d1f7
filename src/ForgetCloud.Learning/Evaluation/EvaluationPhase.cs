namespace ForgetCloud.Learning.Evaluation;

/// <summary>The passes over a test set, in the order <see cref="ModelEvaluator"/> runs them.</summary>
public enum EvaluationPhase
{
    /// <summary>Greedy generation from each prompt (one unit per item).</summary>
    Generation,

    /// <summary>Teacher-forced NLL of each gold target (one unit per item).</summary>
    TargetScoring,

    /// <summary>AQUA-RAT: log-likelihood of each option's continuation (one unit per option).</summary>
    OptionScoring,
}
