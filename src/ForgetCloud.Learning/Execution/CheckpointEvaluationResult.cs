using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Learning.Execution;

/// <summary>An evaluation and the per-example record files it was written to.</summary>
public sealed record CheckpointEvaluationResult(StageEvaluation Evaluation, string Gsm8kRecords, string AquaRatRecords);
