using ForgetCloud.Contracts.Lifecycle;
namespace ForgetCloud.Contracts.Api;

/// <summary>
/// What a <c>StageStalled</c> or <c>StageRecovered</c> run event is about: one stage whose worker stopped sending
/// heartbeats for longer than the Api's stall timeout, or sent one again.
/// </summary>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Status"><see cref="StageStatus.Stalled"/>, or the status it went back to (Training, Evaluating).</param>
/// <param name="LastHeartbeat">The newest heartbeat of the work in flight (the worker's clock).</param>
public sealed record StageStall(string ArmId, int Stage, StageStatus Status, DateTimeOffset LastHeartbeat)
{
    /// <summary>The <see cref="RunEvent.Event"/> of a stage that became stalled.</summary>
    public const string StalledEvent = "StageStalled";

    /// <summary>The <see cref="RunEvent.Event"/> of a stalled stage whose worker sent a heartbeat again.</summary>
    public const string RecoveredEvent = "StageRecovered";
}
