using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Contracts.Scaling;

namespace Surge.Rollout.Saga;

/// <summary>
/// Maps each rollout event to the commands it sends: to the provisioner, to the load balancer, and to Rollout's own
/// prober. Pure: it reads the state after the event for the service name and the instances' endpoints.
/// </summary>
public static class RolloutReactions
{
    /// <summary>Returns the messages to publish because <paramref name="e"/> moved the rollout to <paramref name="after"/>.</summary>
    public static IReadOnlyList<object> For(object e, RolloutState after) => e switch
    {
        RolloutRequested requested => [new DescribeServiceInstances(requested.SagaId, requested.Service)],
        BatchDrainRequested drain => [new SetBackendWeights(after.SagaId, after.Service, drain.InstanceIds, 0, drain.DrainTimeout)],
        InstanceUpdateRequested update => [new UpdateInstances(after.SagaId, after.Service, update.Image, [update.InstanceId])],
        BatchHealthCheckRequested check => [new ProbeInstances(after.SagaId, check.Number,
            [.. after.Instances.Where(i => check.InstanceIds.Contains(i.InstanceId)).Select(i => new ProbeTarget(i.InstanceId, i.Endpoint))], check.Path)],
        BatchRestoreRequested restore => [new SetBackendWeights(after.SagaId, after.Service, restore.InstanceIds, restore.Weight, TimeSpan.Zero)],
        BatchReplacementRequested replace => [new ScaleOutService(after.SagaId, replace.ScaleOutSagaId, after.Service, replace.InstanceIds.Count, replace.Image, RequestedBy(after))],
        BatchRemovalRequested remove => [new ScaleInInstances(after.SagaId, remove.ScaleInSagaId, after.Service, remove.InstanceIds, RequestedBy(after))],
        RolloutCompleted completed => [new ServiceRolledOut(after.SagaId, after.Service, after.Image, completed.At)],
        LateReplacementsRemoved late => [new ScaleInInstances(after.SagaId, late.ScaleInSagaId, after.Service, late.InstanceIds, RequestedBy(after))],
        BatchErrorMeasurementRequested measure => [new MeasureBackendErrors(after.SagaId, after.Service, measure.InstanceIds, measure.Window)],
        _ => [],
    };

    // Capacity's audit trail names the rollout that asked for the saga.
    private static string RequestedBy(RolloutState rollout) => $"rollout {rollout.SagaId}";
}
