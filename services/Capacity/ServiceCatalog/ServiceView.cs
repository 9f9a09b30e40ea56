using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.ServiceCatalog;

/// <summary>The current declaration of a service.</summary>
public sealed record ServiceView(string Id, string Name, ServiceSpec Spec)
{
    /// <summary>The stream key of a service.</summary>
    public static string StreamKey(string name) => $"service/{name}";
}

/// <summary>Keeps <see cref="ServiceView"/> in step with the service's stream, inside the transaction that appends to it.</summary>
public sealed class ServiceViewProjection : SingleStreamProjection<ServiceView, string>
{
    /// <inheritdoc />
    public override ServiceView? Evolve(ServiceView? snapshot, string id, IEvent e) => e.Data switch
    {
        ServiceSpecified specified => new ServiceView(id, specified.Name, specified.Spec),
        _ => snapshot,
    };
}
