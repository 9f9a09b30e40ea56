namespace Surge.Capacity.ScaleIn;

/// <summary>How each event changes a scale-in saga's state.</summary>
public static partial class ScaleInDecider
{
    /// <summary>Returns the state after one event; the first event must be <see cref="ScaleInRequested"/>.</summary>
    public static ScaleInState? Evolve(ScaleInState? state, object e) => (state, e) switch
    {
        (null, ScaleInRequested requested) => new ScaleInState(
            ScaleInState.StreamKey(requested.SagaId), requested.SagaId, requested.Service, requested.Pool, requested.RequestedCount,
            requested.DrainTimeout, requested.RequestedBy, ScaleInStatus.Draining,
            [.. requested.Victims.Select(victim => victim with { Stage = VictimStage.Draining })], requested.At, Deadline: requested.Deadline,
            RequesterSagaId: requested.RequesterSagaId),
        (null, _) => null,
        (_, VictimsDrained drained) => WithStage(state, VictimStage.Stopping) with { Status = ScaleInStatus.StoppingInstances, Deadline = drained.Deadline },
        (_, VictimsStopped stopped) => WithStage(state, VictimStage.ReleasingAddress) with { Status = ScaleInStatus.ReleasingAddresses, Deadline = stopped.Deadline },
        (_, ScaleInStepFailed failed) => Failed(state, failed),
        (_, ScaleInAborted) => WithStage(state, VictimStage.Restored),
        (_, VictimCapacityReleased) => WithStage(state, VictimStage.Removed),
        (_, ScaleInCompleted completed) => state with { Status = ScaleInStatus.Completed, FinishedAt = completed.At, Deadline = null },
        (_, ScaleInFailed failed) => state with { Status = ScaleInStatus.Failed, FinishedAt = failed.At, Deadline = null },
        _ => state,
    };

    // Once stopping began the saga goes on after a failure, so each victim carries what was not confirmed for it. A
    // stop that failed moves the saga on to the addresses.
    private static ScaleInState Failed(ScaleInState state, ScaleInStepFailed failed)
    {
        var recorded = state with { Failures = [.. state.FailedSteps, failed], Deadline = failed.Deadline };
        return failed.Step switch
        {
            Steps.Instances => recorded with
            {
                Status = ScaleInStatus.ReleasingAddresses,
                Victims = [.. state.Victims.Select(victim => victim with { Stage = VictimStage.ReleasingAddress, FailureReason = $"Its stop was not confirmed: {failed.Reason}" })],
            },
            Steps.Addresses => recorded with
            {
                Victims = [.. state.Victims.Select(victim => victim with { FailureReason = Join(victim.FailureReason, $"Its address release was not confirmed: {failed.Reason}") })],
            },
            _ => recorded,
        };
    }

    private static string Join(string? earlier, string reason) => earlier is null ? reason : $"{earlier} {reason}";

    private static ScaleInState WithStage(ScaleInState state, VictimStage stage) => state with
    {
        Victims = [.. state.Victims.Select(victim => victim with { Stage = stage })],
    };
}
