using System.Collections.Immutable;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// What a study runs, fixed when it starts. <paramref name="ConfigRef"/> names the config snapshot (a content hash
/// or a path) so every worker trains exactly the same configuration; <paramref name="MaxAttempts"/> is the budget of
/// attempts per (arm, stage), counted separately for training and for evaluation.
/// </summary>
public sealed record StudyOptions(string ConfigRef, ImmutableArray<ArmSpec> Arms, bool SkipTraining = false, int MaxAttempts = 3)
{
    /// <summary>One arm per (optimizer, seed), optimizer-major: [adamw, muon] x 2 seeds -> adamw-s0, adamw-s1, muon-s0, muon-s1.</summary>
    public static ImmutableArray<ArmSpec> Cross(IEnumerable<string> optimizers, int seeds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        return [.. optimizers.SelectMany(optimizer => Enumerable.Range(0, seeds).Select(seed => ArmSpec.For(optimizer, seed)))];
    }

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
    }

    // Records compare ImmutableArray by reference; a redelivered StudyStarted must compare by value.
    public bool Equals(StudyOptions? other) =>
        other is not null && ConfigRef == other.ConfigRef && SkipTraining == other.SkipTraining
        && MaxAttempts == other.MaxAttempts && Arms.SequenceEqual(other.Arms);

    public override int GetHashCode() => HashCode.Combine(ConfigRef, SkipTraining, MaxAttempts, Arms.Length);
}
