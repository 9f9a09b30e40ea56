using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>The subnet projection reads the subnet's own events and leaves the address ledger alone.</summary>
public sealed class SubnetProjectionTests
{
    [Fact]
    public void IncludedEventTypes_AreTheSubnetEvents()
    {
        var projection = new SubnetProjection();

        Assert.Equal(SubnetProjection.EventTypes.ToHashSet(), projection.IncludedEventTypes.ToHashSet());
    }

    [Fact]
    public void IncludedEventTypes_LeaveOutLedgerEntries()
    {
        // Marten looks up the projected document for every stream that contains an included event, so a ledger entry
        // included here would cost each allocation commit a query.
        Assert.DoesNotContain(typeof(BlockChanges), new SubnetProjection().IncludedEventTypes);
    }
}
