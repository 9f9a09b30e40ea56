using JasperFx.Events.Projections;
using Marten;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam;

/// <summary>The event types, projections and indexes of Ipam's event store.</summary>
public static class IpamStore
{
    /// <summary>Adds Ipam's events, its inline projections and the unique indexes that keep an address with one instance.</summary>
    public static void Configure(StoreOptions options)
    {
        options.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
        options.Events.AddEventType<SubnetDefined>();
        options.Events.AddEventType<SubnetChanged>();
        options.Events.AddEventType<AddressBlockClaimed>();
        options.Events.AddEventType<AddressBlockReady>();
        options.Events.AddEventType<AddressBlockReleased>();
        options.Events.AddEventType<AddressConflictFound>();
        options.Events.AddEventType<AddressConflictCleared>();
        options.Events.AddEventType<BlockOpened>();
        options.Events.AddEventType<AddressAllocated>();
        options.Events.AddEventType<AddressReleased>();
        options.Events.AddEventType<AddressReclaimed>();
        options.Events.AddEventType<AllocatedInstanceMissing>();
        options.Events.AddEventType<AllocatedInstanceSeenAgain>();

        // Inline, so FetchForWriting loads the stored state instead of replaying every event, and a read right after
        // a write sees it.
        options.Projections.Add(new SubnetProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new BlockProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new AddressHoldingProjection(), ProjectionLifecycle.Inline);

        // The holding's id is the address, so the primary key rejects a second holder of an address. The unique index
        // on the instance rejects a second address for an instance.
        options.Schema.For<AddressHolding>()
            .UniqueIndex(holding => holding.InstanceId)
            .Index(holding => holding.Node)
            .Index(holding => holding.Subnet);
        options.Schema.For<Blocks.BlockState>().Index(block => block.Subnet).Index(block => block.Node);
    }
}
