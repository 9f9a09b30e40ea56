using Surge.Contracts.Backends;
using Surge.Contracts.Instances;

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
        BatchErrorMeasurementRequested measure => [new MeasureBackendErrors(after.SagaId, after.Service, measure.InstanceIds, measure.Window)],
        _ => [],
    };
}
