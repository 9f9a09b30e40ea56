using JasperFx.Events.Projections;
using Marten;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam;

/// <summary>The event types, projections and indexes of Ipam's event store.</summary>
public static class IpamStore
{
    /// <summary>Adds Ipam's events, the subnet projection and the address ledger's snapshots.</summary>
    public static void Configure(StoreOptions options)
    {
        options.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
        options.Events.AddEventType<SubnetDefined>();
        options.Events.AddEventType<SubnetChanged>();
        options.Events.AddEventType<AddressBlockClaimed>();
        options.Events.AddEventType<AddressBlockReady>();
        options.Events.AddEventType<AddressBlockReleased>();
        options.Events.AddEventType<AddressBlocksClaimed>();
        options.Events.AddEventType<AddressBlocksReleased>();
        options.Events.AddEventType<AddressConflictFound>();
        options.Events.AddEventType<AddressConflictCleared>();
        options.Events.AddEventType<BlockChanges>();

        // Inline, so FetchForWriting loads the stored state instead of replaying every event, and a read right after
        // a write returns it. Blocks and holdings have no documents. Every process folds them from the address ledger,
        // because a document per allocation would cost a row per address on the allocation's path.
        options.Projections.Add(new SubnetProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<AddressLedgerSnapshot>();
    }
}
