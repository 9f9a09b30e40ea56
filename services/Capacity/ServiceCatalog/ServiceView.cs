using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.ServiceCatalog;

/// <summary>The current declaration of a service, and the image a completed rollout moved it to since.</summary>
/// <param name="RunningImage">
/// The image of the last completed rollout. It is null when no rollout completed since the declared image last changed.
/// </param>
public sealed record ServiceView(string Id, string Name, ServiceSpec Spec, string? RunningImage = null)
{
    /// <summary>The image new instances run: the rolled-out one, or else the declared one.</summary>
    public string ImageForNewInstances => RunningImage ?? Spec.Image;

    /// <summary>The stream key of a service.</summary>
    public static string StreamKey(string name) => $"service/{name}";

    /// <summary>
    /// Returns the view after <paramref name="e"/>. A declaration that changes the image replaces the rolled-out one,
    /// because the operator stated a newer intent. A declaration that keeps the image keeps the rolled-out one.
    /// </summary>
    public static ServiceView? After(ServiceView? view, string id, object e) => e switch
    {
        ServiceSpecified specified => new ServiceView(id, specified.Name, specified.Spec,
            view is not null && view.Spec.Image == specified.Spec.Image ? view.RunningImage : null),
        ServiceImageRolledOut rolledOut when view is not null => view with { RunningImage = rolledOut.Image == view.Spec.Image ? null : rolledOut.Image },
        _ => view,
    };
}

/// <summary>Keeps <see cref="ServiceView"/> in step with the service's stream, inside the transaction that appends to it.</summary>
public sealed class ServiceViewProjection : SingleStreamProjection<ServiceView, string>
{
    /// <inheritdoc />
    public override ServiceView? Evolve(ServiceView? snapshot, string id, IEvent e) => ServiceView.After(snapshot, id, e.Data);
}
