namespace ForgetCloud.Contracts.Api;

/// <summary>How far a run has come (see the study workflow's progress rule: five units per arm plus the analysis).</summary>
/// <param name="Fraction">Done work in [0, 1].</param>
/// <param name="EvaluationsDone">Evaluated or skipped stages.</param>
/// <param name="EvaluationsTotal">All stages (three per arm).</param>
/// <param name="TrainingsDone">Trained or skipped stages.</param>
/// <param name="TrainingsTotal">Trainable stages (two per arm).</param>
public sealed record RunProgress(double Fraction, int EvaluationsDone, int EvaluationsTotal, int TrainingsDone, int TrainingsTotal);
