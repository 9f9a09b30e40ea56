using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Demo;

/// <summary>Decides whether the demo succeeded: the saga completed and every instance it started served at least one request.</summary>
internal static class DemoVerdict
{
    /// <summary>Returns null when the demo succeeded, otherwise the localized reason it failed.</summary>
    public static string? FailureReason(SagaView? saga, TrafficTally tally, TimeSpan timeout)
    {
        if (saga is null)
        {
            return Text.Format(Strings.VerdictSagaNeverSeen, timeout.TotalSeconds);
        }

        if (!saga.IsFinished)
        {
            return Text.Format(Strings.VerdictSagaTimedOut, timeout.TotalSeconds, saga.Status);
        }

        if (saga.Status != SagaView.Completed)
        {
            return Text.Format(Strings.VerdictSagaNotCompleted, saga.Status, saga.FailureReason ?? "-");
        }

        var instances = saga.Instances ?? [];
        if (instances.Count == 0)
        {
            return Strings.VerdictNoInstances;
        }

        var idle = instances.Where(instance => tally.RequestsServedBy(instance.InstanceId) == 0).Select(instance => instance.InstanceId).ToList();
        return idle.Count == 0 ? null : Text.Format(Strings.VerdictIdleInstances, idle.Count, string.Join(", ", idle));
    }

    /// <summary>
    /// Returns null when every rollout completed without adding or removing a backend and the drained in-place one lost
    /// no request, otherwise the localized reason. Plain in-place may lose requests in flight to a restarting instance.
    /// </summary>
    public static string? RolloutFailure(IReadOnlyList<RolloutTrialResult> results)
    {
        foreach (var result in results)
        {
            if (result.Status != "Completed")
            {
                return Text.Format(Strings.VerdictRolloutNotCompleted, result.Strategy, result.Status, result.Reason ?? "-");
            }

            // Recreate replaces every backend by design; the in-place strategies must keep them.
            if (result.Strategy != "recreate" && result.BackendChanges > 0)
            {
                return Text.Format(Strings.VerdictRolloutChangedBackends, result.Strategy, result.BackendChanges);
            }

            if (result.Strategy == "drained-in-place" && result.Lost > 0)
            {
                return Text.Format(Strings.VerdictDrainedRolloutLostRequests, result.Lost, result.Sent);
            }

            if (result.Strategy == "recreate" && result.Lost > 0)
            {
                return Text.Format(Strings.VerdictRecreateRolloutLostRequests, result.Lost, result.Sent);
            }
        }

        return null;
    }

    /// <summary>Returns null when the invariant check ran and was clean, otherwise the localized reason.</summary>
    public static string? InvariantFailure(InvariantReport? report) => report switch
    {
        null => Strings.VerdictInvariantsNotRun,
        { Clean: false } => Text.Format(Strings.VerdictInvariantsNotClean, report.Findings.Count),
        _ => null,
    };
}
