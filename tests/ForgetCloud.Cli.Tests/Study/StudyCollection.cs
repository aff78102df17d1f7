namespace ForgetCloud.Cli.Tests.Study;

/// <summary>Studies train, and training draws dropout from torch's process-wide generator; these tests run alone so
/// the resumed and uninterrupted runs see the same generator.</summary>
[CollectionDefinition(nameof(StudyCollection), DisableParallelization = true)]
public sealed class StudyCollection;
