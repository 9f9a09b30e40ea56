using JasperFx.Events.Projections;
using Marten;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam;

/// <summary>The event types, projections and indexes of Ipam's event store.</summary>
public static class IpamStore
{
    /// <summary>The PostgreSQL schema of Ipam's tables.</summary>
    public const string Schema = "ipam";

    /// <summary>Adds Ipam's events, the subnet projection and the address ledger's snapshots.</summary>
    public static void Configure(StoreOptions options)
    {
        options.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
        options.Events.AddEventTypes(SubnetProjection.EventTypes);
        options.Events.AddEventType<BlockChanges>();

        // Inline, so FetchForWriting loads the stored state instead of replaying every event, and a read right after
        // a write returns it. Blocks and holdings have no documents. Every process folds them from the address ledger,
        // because a document per allocation would cost a row per address on the allocation's path.
        options.Projections.Add(new SubnetProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<AddressLedgerSnapshot>();
    }
}
