namespace ForgetCloud.Learning.Tests.Training;

/// <summary>Training draws dropout from torch's process-wide generator; these tests run alone so no other test
/// consumes it in between (which would break the exact-resume comparisons).</summary>
[CollectionDefinition(nameof(TrainingCollection), DisableParallelization = true)]
public sealed class TrainingCollection;
