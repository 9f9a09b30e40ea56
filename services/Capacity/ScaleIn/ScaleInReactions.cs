using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;

namespace Surge.Capacity.ScaleIn;

/// <summary>Maps each scale-in saga event to the commands it sends to the participants. Pure: it reads the state after the event.</summary>
public static class ScaleInReactions
{
    /// <summary>Returns the messages to publish because <paramref name="e"/> moved the saga to <paramref name="after"/>.</summary>
    public static IReadOnlyList<object> For(object e, ScaleInState after) => e switch
    {
        ScaleInRequested requested => [new DrainBackends(requested.SagaId, requested.Service, after.VictimIds, requested.DrainTimeout)],
        VictimsDrained => [new StopInstances(after.SagaId, after.VictimIds, $"Scale-in saga {after.SagaId} removes it from service {after.Service}.")],
        VictimsStopped => [ReleaseAddresses(after)],
        ScaleInStepFailed { Step: ScaleInDecider.Steps.Instances } => [ReleaseAddresses(after)],
        ScaleInAborted => Restore(after),
        _ => [],
    };

    private static ReleaseAddresses ReleaseAddresses(ScaleInState state) =>
        new(state.SagaId, state.VictimIds, $"Scale-in saga {state.SagaId} removed the instance from service {state.Service}.");

    // A victim whose endpoint Capacity does not store cannot be registered again. The invariant checker then reports
    // it as a started instance that serves no traffic.
    private static IReadOnlyList<object> Restore(ScaleInState state)
    {
        var backends = state.Victims.Where(victim => victim.Endpoint is not null).Select(victim => new Backend(victim.InstanceId, victim.Endpoint!)).ToList();
        return backends.Count == 0 ? [] : [new RegisterBackends(state.SagaId, state.Service, backends)];
    }
}
