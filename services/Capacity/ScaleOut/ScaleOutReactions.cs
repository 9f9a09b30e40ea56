using Surge.Contracts.Addresses;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Contracts.Placement;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Maps each saga event to the commands it sends to the participants. Pure: it reads the state before and after the
/// event, so compensation knows which steps had completed when the saga failed.
/// </summary>
public static class ScaleOutReactions
{
    /// <summary>Returns the messages to publish because <paramref name="e"/> moved the saga from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyList<object> For(ScaleOutState? before, object e, ScaleOutState after) => e switch
    {
        ScaleOutRequested requested => [new PlaceInstances(requested.SagaId)],
        InstancesPlaced placed => [new AllocateAddresses(after.SagaId, after.Service,
            [.. placed.Placements.Select(p => new AddressRequest(p.InstanceId, p.Node, p.Pool))])],
        AddressesAssigned => [new StartInstances(after.SagaId, after.Service, after.Shape,
            [.. after.Instances.Select(i => new InstanceSpec(i.InstanceId, i.Node, i.Address!))])],
        InstanceReady when before?.Status == ScaleOutStatus.StartingInstances && after.Status == ScaleOutStatus.RegisteringBackends =>
            [new RegisterBackends(after.SagaId, after.Service, [.. after.Instances.Select(i => new Backend(i.InstanceId, i.Endpoint!))])],
        ScaleOutFailed failed when before is not null => Compensate(before, failed),
        LateInstanceReported late => [new StopInstances(after.SagaId, [late.InstanceId], "Its scale-out saga had already failed.")],
        _ => [],
    };

    // Undo in reverse order of the steps. A step still waiting for its reply may have completed at the participant,
    // so it is undone too; participants ignore undo requests for things they never did.
    private static IReadOnlyList<object> Compensate(ScaleOutState before, ScaleOutFailed failed)
    {
        var ids = before.Instances.Select(i => i.InstanceId).ToList();
        var reason = $"Scale-out saga failed at step '{failed.Step}': {failed.Reason}";
        var messages = new List<object>();
        if (before.Status == ScaleOutStatus.RegisteringBackends)
        {
            messages.Add(new DeregisterBackends(before.SagaId, before.Service, ids, reason));
        }

        if (before.Status is ScaleOutStatus.StartingInstances or ScaleOutStatus.RegisteringBackends)
        {
            messages.Add(new StopInstances(before.SagaId, ids, reason));
        }

        if (before.Status is ScaleOutStatus.AllocatingAddresses or ScaleOutStatus.StartingInstances or ScaleOutStatus.RegisteringBackends)
        {
            messages.Add(new ReleaseAddresses(before.SagaId, ids, reason));
        }

        return messages;
    }
}
