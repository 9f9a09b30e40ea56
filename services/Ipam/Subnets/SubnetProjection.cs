using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Ipam.Subnets;

/// <summary>Stores each subnet's state as a <see cref="Subnet"/> document, built by <see cref="SubnetDecider.Evolve"/>.</summary>
public sealed class SubnetProjection : SingleStreamProjection<Subnet, string>
{
    /// <inheritdoc />
    public override Subnet? Evolve(Subnet? snapshot, string id, IEvent e) => SubnetDecider.Evolve(snapshot, e.Data);
}
