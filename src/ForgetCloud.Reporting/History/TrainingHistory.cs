using ForgetCloud.Learning.Study;
using ForgetCloud.Learning.Training;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Reporting.History;

/// <summary>The content of <c>training_history.json</c>: every arm's per-step training records.</summary>
public sealed record TrainingHistory(int SchemaVersion, IReadOnlyList<ArmTrainingHistory> Arms)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>Groups each arm's records by stage, checking them.</summary>
    /// <param name="arms">The study's arms, in report order.</param>
    /// <param name="steps">Per arm id, its step records in the order they were produced; an arm may be missing
    /// (nothing trained, e.g. --skip-training).</param>
    /// <exception cref="ArgumentException">A record for an unknown arm, a stage other than 1 or 2, a non-finite
    /// loss or learning rate, or steps that do not increase within a stage.</exception>
    public static TrainingHistory Create(
        IReadOnlyList<ArmSpec> arms, IReadOnlyDictionary<string, IReadOnlyList<TrainingStepRecord>> steps)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var armId in steps.Keys)
        {
            if (arms.All(a => a.Id != armId))
            {
                throw new ArgumentException($"Training records for unknown arm '{armId}'", nameof(steps));
            }
        }

        var result = new List<ArmTrainingHistory>(arms.Count);
        foreach (var arm in arms)
        {
            var records = steps.TryGetValue(arm.Id, out var r) ? r : [];
            for (var i = 0; i < records.Count; i++)
            {
                Validate(arm.Id, i, records[i]);
            }

            var stages = new List<StageTrainingHistory>();
            foreach (var stage in new[] { 1, 2 })
            {
                var ofStage = records.Where(x => x.Stage == stage).ToArray();
                for (var i = 1; i < ofStage.Length; i++)
                {
                    if (ofStage[i].Step <= ofStage[i - 1].Step)
                    {
                        throw new ArgumentException(
                            $"Arm '{arm.Id}' stage {stage}: step {ofStage[i].Step} follows step {ofStage[i - 1].Step}; " +
                            "steps must increase (a resumed stage must not repeat logged steps)",
                            nameof(steps));
                    }
                }

                if (ofStage.Length > 0)
                {
                    stages.Add(new StageTrainingHistory(stage, ofStage));
                }
            }

            result.Add(new ArmTrainingHistory(arm.Id, arm.Optimizer, arm.Seed, stages));
        }

        return new TrainingHistory(CurrentSchemaVersion, result);
    }

    private static void Validate(string armId, int index, TrainingStepRecord record)
    {
        string? problem = null;
        if (record.Stage is not (1 or 2))
            problem = $"stage {record.Stage} (must be 1 or 2)";
        else if (record.Step < 1)
            problem = $"step {record.Step} (steps count from 1)";
        else if (!double.IsFinite(record.Loss))
            problem = $"loss {record.Loss}";
        else if (!double.IsFinite(record.LearningRate) || record.LearningRate < 0)
            problem = $"learning rate {record.LearningRate}";
        else if (record.Epoch < 0)
            problem = $"epoch {record.Epoch}";
        else if (!double.IsFinite(record.GradNorm) || record.GradNorm < 0)
            problem = $"grad norm {record.GradNorm}";
        else if (!double.IsFinite(record.TokensPerSecond) || record.TokensPerSecond < 0)
            problem = $"tokens/s {record.TokensPerSecond}";
        else if (record.Skipped)
            problem = "skipped step (its update was not applied; the history lists applied steps only, the training log counts skipped ones)";
        if (problem is not null)
        {
            throw new ArgumentException($"Arm '{armId}' training record {index}: invalid {problem}");
        }
    }
}
