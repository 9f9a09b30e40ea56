using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Instances;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>Starts a scale-out saga's stream in a caller's transaction and sends its first command.</summary>
public static class ScaleOutStarter
{
    /// <summary>
    /// Records <see cref="ScaleOutRequested"/> for <paramref name="service"/> with the image <paramref name="image"/>, or
    /// <see cref="ServiceView.ImageForNewInstances"/> when null, switching degradation on first when <paramref name="degradation"/>
    /// requests it, and publishes its reactions; the caller commits. Returns the new state.
    /// </summary>
    public static ScaleOutState Start(
        OutboxSession unit,
        Guid sagaId,
        ServiceView service,
        int count,
        string? image,
        ScaleOutTrigger trigger,
        SagaOptions options,
        int? minimumCount = null,
        ScaleOutDegradation? degradation = null)
    {
        var shape = new InstanceShape(service.Spec.Shape!.CpuMillicores, service.Spec.Shape.MemoryMiB, image ?? service.ImageForNewInstances);
        var requested = new ScaleOutRequested(sagaId, service.Name, service.Spec.Pool, count, shape, trigger, unit.Now,
            unit.Now + options.PlacementTimeout, minimumCount, degradation);
        return ScaleOutRecorder.Start(unit, ScaleOutDecider.Begin(requested));
    }
}
