using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Ipam.Subnets;

/// <summary>Stores each subnet's state as a <see cref="Subnet"/> document, built by <see cref="SubnetDecider.Evolve"/>.</summary>
public sealed class SubnetProjection : SingleStreamProjection<Subnet, string>
{
    /// <summary>The events of a subnet's stream, the only ones this projection reads.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(SubnetDefined),
        typeof(SubnetChanged),
        typeof(AddressBlockClaimed),
        typeof(AddressBlockReady),
        typeof(AddressBlockReleased),
        typeof(AddressBlocksClaimed),
        typeof(AddressBlocksReleased),
        typeof(AddressConflictFound),
        typeof(AddressConflictCleared),
    ];

    /// <summary>
    /// Limits the projection to <see cref="EventTypes"/>. Evolve takes any event, so without the limit Marten would look
    /// up a subnet document for every stream a session appends to. Each address ledger entry would then cost the
    /// allocation commit a query for a document that cannot exist.
    /// </summary>
    public SubnetProjection()
    {
        foreach (var type in EventTypes)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override Subnet? Evolve(Subnet? snapshot, string id, IEvent e) => SubnetDecider.Evolve(snapshot, e.Data);
}
