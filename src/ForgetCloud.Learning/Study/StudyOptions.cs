using System.Collections.Immutable;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// What a study runs, fixed when it starts. <paramref name="ConfigRef"/> names the config snapshot (a content hash
/// or a path) so every worker trains exactly the same configuration; <paramref name="MaxAttempts"/> is the budget of
/// attempts per (arm, stage), counted separately for training and for evaluation.
/// <para>
/// <paramref name="ResumeStage1"/> / <paramref name="ResumeStage2"/> carry the original framework's --resume-stage1/2
/// flags, whose help text reads "Resume Stage N training from checkpoint": stage N's training continues from that
/// checkpoint instead of starting at step 0 (a final checkpoint makes the trainer report it as final straight away).
/// --resume-stage2 without --resume-stage1 means stage 1 was finished elsewhere: stage 1 is Skipped and stage 2
/// starts at once from its checkpoint. With --skip-training a given checkpoint is evaluated as that stage's result
/// and nothing is trained. A checkpoint belongs to one arm, so they need a single-arm study.
/// </para>
/// </summary>
public sealed record StudyOptions(
    string ConfigRef,
    ImmutableArray<ArmSpec> Arms,
    bool SkipTraining = false,
    int MaxAttempts = 3,
    CheckpointRef? ResumeStage1 = null,
    CheckpointRef? ResumeStage2 = null)
{
    /// <summary>The resume checkpoint given for stage 1 or 2 (null for stage 0 or when none was given).</summary>
    public CheckpointRef? ResumeFor(int stage) => stage switch
    {
        1 => ResumeStage1,
        2 => ResumeStage2,
        _ => null,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem found.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConfigRef))
            throw new ArgumentException("Study options: ConfigRef is empty.");
        if (Arms.IsDefaultOrEmpty)
            throw new ArgumentException("Study options: a study needs at least one arm.");
        if (MaxAttempts < 1)
            throw new ArgumentException($"Study options: MaxAttempts must be at least 1, got {MaxAttempts}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arm in Arms)
        {
            if (string.IsNullOrWhiteSpace(arm.Id) || string.IsNullOrWhiteSpace(arm.Optimizer))
                throw new ArgumentException($"Study options: arm '{arm.Id}' has an empty id or optimizer.");
            if (!seen.Add(arm.Id))
                throw new ArgumentException($"Study options: arm id '{arm.Id}' appears twice.");
        }
        if ((ResumeStage1 ?? ResumeStage2) is not null && Arms.Length > 1)
            throw new ArgumentException($"Study options: a resume checkpoint belongs to one arm; this study has {Arms.Length}.");
    }

    // Records compare ImmutableArray by reference; a redelivered StudyStarted must compare by value.
    public bool Equals(StudyOptions? other) =>
        other is not null && ConfigRef == other.ConfigRef && SkipTraining == other.SkipTraining
        && MaxAttempts == other.MaxAttempts && Arms.SequenceEqual(other.Arms)
        && Equals(ResumeStage1, other.ResumeStage1) && Equals(ResumeStage2, other.ResumeStage2);

    public override int GetHashCode() => HashCode.Combine(ConfigRef, SkipTraining, MaxAttempts, Arms.Length);
}
