using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// Decides which events a message adds to a scale-in saga. Pure: the same state, message, time and timeouts always
/// give the same events. A message that does not fit the saga's status (a duplicate, a reply to a step already passed,
/// a reply that does not cover every victim) gives no events.
/// </summary>
public static partial class ScaleInDecider
{
    /// <summary>The step names failures use; faults of the step's command carry the same name.</summary>
    public static class Steps
    {
        /// <summary>Draining the victims at the load balancer.</summary>
        public const string Drain = "drain";

        /// <summary>Stopping the victims at the provisioner.</summary>
        public const string Instances = "instances";

        /// <summary>Releasing the victims' addresses at Ipam.</summary>
        public const string Addresses = "addresses";
    }

    /// <summary>Returns the events <paramref name="message"/> adds to the saga in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(ScaleInState state, object message, DateTimeOffset now, ScaleInTimeouts? timeouts = null)
    {
        var options = timeouts ?? ScaleInTimeouts.Default;
        return message switch
        {
            BackendsDrained drained when state.Status == ScaleInStatus.Draining && CoversAll(state, drained.InstanceIds) =>
                [new VictimsDrained(state.VictimIds, now, now + options.InstanceStop)],
            InstancesStopped stopped when state.Status == ScaleInStatus.StoppingInstances && CoversAll(state, stopped.InstanceIds) =>
                [new VictimsStopped(state.VictimIds, now, now + options.Address)],
            AddressesReleased released when state.Status == ScaleInStatus.ReleasingAddresses && CoversAll(state, released.InstanceIds) =>
                [new VictimAddressesReleased(state.VictimIds, now), .. Finish(state, now)],
            DeadlinePassed passed => DecideDeadline(state, passed, now, options),
            StepFaulted faulted when !state.IsFinished && !faulted.IsUndo && faulted.Step == CurrentStep(state) =>
                Fail(state, faulted.Step, faulted.Reason, timedOut: false, now, options),
            _ => [],
        };
    }

    /// <summary>Returns the step the saga waits for, or an empty string once it finished.</summary>
    public static string CurrentStep(ScaleInState state) => state.Status switch
    {
        ScaleInStatus.Draining => Steps.Drain,
        ScaleInStatus.StoppingInstances => Steps.Instances,
        ScaleInStatus.ReleasingAddresses => Steps.Addresses,
        _ => "",
    };

    // Releasing capacity needs no participant: the node events are appended in the transaction that records this.
    private static IReadOnlyList<object> Finish(ScaleInState state, DateTimeOffset now) =>
    [
        new VictimCapacityReleased(state.VictimIds, now),
        state.FailedSteps.Count == 0 ? new ScaleInCompleted(state.Victims.Count, now) : new ScaleInFailed(now),
    ];

    private static bool CoversAll(ScaleInState state, IReadOnlyList<Guid> instanceIds) =>
        state.Victims.All(victim => instanceIds.Contains(victim.InstanceId));
}
