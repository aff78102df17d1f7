using System.Collections.Immutable;

namespace ForgetCloud.Learning.Study;

/// <summary>The three stages (index = stage number) of one arm; the arm's spec lives in <see cref="StudyOptions.Arms"/>.</summary>
public sealed record ArmState(string ArmId, ImmutableArray<StageState> Stages)
{
    public StageState Stage(int stage) => Stages[stage];

    public ArmState WithStage(StageState stage) => this with { Stages = Stages.SetItem(stage.Stage, stage) };

    public bool Equals(ArmState? other) => other is not null && ArmId == other.ArmId && Stages.SequenceEqual(other.Stages);

    public override int GetHashCode() => HashCode.Combine(ArmId, Stages.Length);
}
