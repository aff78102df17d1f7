namespace ForgetCloud.Learning.Study;

/// <summary>
/// One arm of a study: one optimizer with one seed, trained through both stages.
/// <para>
/// <see cref="ResumeStage1"/> / <see cref="ResumeStage2"/> carry the original framework's --resume-stage1/2 flags, whose
/// help text reads "Resume Stage N training from checkpoint": stage N's training continues from that checkpoint
/// instead of starting at step 0 (a final checkpoint makes the trainer report it as final straight away).
/// --resume-stage2 without --resume-stage1 means stage 1 was finished elsewhere: stage 1 is Skipped and stage 2
/// starts at once from its checkpoint. With --skip-training a given checkpoint is evaluated as that stage's result
/// and nothing is trained.
/// </para>
/// </summary>
public sealed record ArmSpec(string Id, string Optimizer, int Seed, CheckpointRef? ResumeStage1 = null, CheckpointRef? ResumeStage2 = null)
{
    /// <summary>The conventional arm: id "&lt;optimizer&gt;-s&lt;seed&gt;", e.g. "adamw-s0".</summary>
    public static ArmSpec For(string optimizer, int seed) => new($"{optimizer}-s{seed}", optimizer, seed);

    /// <summary>The resume checkpoint given for stage 1 or 2 (null for stage 0 or when none was given).</summary>
    public CheckpointRef? ResumeFor(int stage) => stage switch
    {
        1 => ResumeStage1,
        2 => ResumeStage2,
        _ => null,
    };
}
