using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Surge.Ipam.Blocks;

/// <summary>
/// Keeps one <see cref="AddressHolding"/> per held address, inline with the block events. It inserts rather than
/// upserts, so a second holder of an address fails the commit on the primary key instead of replacing the first.
/// </summary>
public sealed partial class AddressHoldingProjection : EventProjection
{
    /// <summary>Inserts the holding of a newly allocated address.</summary>
    public void Project(IEvent<AddressAllocated> e, IDocumentOperations operations) =>
        operations.Insert(Holding(e.StreamKey!, e.Data.Address, e.Data.InstanceId, e.Data.Node, e.Data.AllocatedAt, e.Data.SagaId));

    /// <summary>Inserts the holding of an address reconciliation gave back to its live instance.</summary>
    public void Project(IEvent<AddressReclaimed> e, IDocumentOperations operations) =>
        operations.Insert(Holding(e.StreamKey!, e.Data.Address, e.Data.InstanceId, e.Data.Node, e.Data.At, Guid.Empty));

    /// <summary>Deletes the holding of a released address.</summary>
    public void Project(IEvent<AddressReleased> e, IDocumentOperations operations) =>
        operations.Delete<AddressHolding>(e.Data.Address);

    // The stream key is block/{subnet}/{cidr}; the cidr holds a '/' itself, so only the first two separators split.
    private static AddressHolding Holding(string streamKey, string address, Guid instanceId, string node, DateTimeOffset since, Guid sagaId)
    {
        var parts = streamKey.Split('/', 3);
        return new AddressHolding(address, instanceId, parts[1], parts[2], node, since, sagaId);
    }
}
