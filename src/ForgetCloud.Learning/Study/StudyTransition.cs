using System.Collections.Immutable;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// The result of applying one event: the next state and the commands to run. An ignored event (duplicate,
/// stale, unknown arm, study already over) returns the same state instance, no commands, and the reason.
/// </summary>
public sealed record StudyTransition(StudyState State, ImmutableArray<StudyCommand> Commands, string? IgnoredReason = null)
{
    public bool WasIgnored => IgnoredReason is not null;

    public static StudyTransition Ignored(StudyState state, string reason) => new(state, [], reason);
}
