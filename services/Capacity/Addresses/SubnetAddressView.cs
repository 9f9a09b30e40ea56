using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.Addresses;

/// <summary>Ipam's last recorded report of a subnet, as Capacity holds it.</summary>
public sealed record SubnetAddressView(string Id, SubnetAddressesRecorded Report);

/// <summary>Keeps <see cref="SubnetAddressView"/> in step with the subnet's report stream.</summary>
public sealed class SubnetAddressViewProjection : SingleStreamProjection<SubnetAddressView, string>
{
    /// <inheritdoc />
    public override SubnetAddressView? Evolve(SubnetAddressView? snapshot, string id, IEvent e) => e.Data switch
    {
        SubnetAddressesRecorded recorded => new SubnetAddressView(id, recorded),
        _ => snapshot,
    };
}
