using JasperFx.Events;
using Surge.Ipam.Blocks;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>One holding document per held address, kept inline with the block events.</summary>
public sealed class AddressHoldingProjectionTests
{
    private const string StreamKey = "block/feed/10.0.0.16/28";

    private static readonly AddressHoldingProjection Projection = new();

    private static Event<T> OnBlock<T>(T data) where T : notnull => new(data) { StreamKey = StreamKey };

    [Fact]
    public void Project_Allocated_InsertsHoldingWithSubnetAndBlock()
    {
        var (operations, recorder) = RecordingOperations.Create();

        Projection.Project(OnBlock(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), operations);

        var (method, arguments) = Assert.Single(recorder.Calls);
        Assert.Equal("Insert", method);
        var inserted = Assert.Single(Assert.IsType<AddressHolding[]>(arguments[0]));
        Assert.Equal(new AddressHolding("10.0.0.17", Fixed.Instance(1), "feed", "10.0.0.16/28", "node-2", Fixed.Now, Fixed.Saga), inserted);
    }

    [Fact]
    public void Project_Reclaimed_InsertsHoldingSinceReport()
    {
        var (operations, recorder) = RecordingOperations.Create();
        var reportedAt = Fixed.Now.AddMinutes(3);

        Projection.Project(OnBlock(new AddressReclaimed("10.0.0.18", Fixed.Instance(2), "node-1", reportedAt, "reported running")), operations);

        var inserted = Assert.Single(Assert.IsType<AddressHolding[]>(Assert.Single(recorder.Calls).Arguments[0]));
        Assert.Equal(new AddressHolding("10.0.0.18", Fixed.Instance(2), "feed", "10.0.0.16/28", "node-1", reportedAt), inserted);
    }

    [Fact]
    public void Project_Ipv6Block_KeepsWholeCidr()
    {
        var (operations, recorder) = RecordingOperations.Create();
        var allocated = new Event<AddressAllocated>(new AddressAllocated("fd00::11", Fixed.Instance(1), Fixed.Saga, "node-1", Fixed.Now))
        {
            StreamKey = "block/feed-v6/fd00::10/124",
        };

        Projection.Project(allocated, operations);

        var inserted = Assert.Single(Assert.IsType<AddressHolding[]>(Assert.Single(recorder.Calls).Arguments[0]));
        Assert.Equal("feed-v6", inserted.Subnet);
        Assert.Equal("fd00::10/124", inserted.Block);
    }

    [Fact]
    public void Project_Released_DeletesHoldingByAddress()
    {
        var (operations, recorder) = RecordingOperations.Create();

        Projection.Project(OnBlock(new AddressReleased("10.0.0.17", Fixed.Instance(1), "scaled in", Fixed.Now.AddMinutes(5))), operations);

        var (method, arguments) = Assert.Single(recorder.Calls);
        Assert.Equal("Delete", method);
        Assert.Equal("10.0.0.17", Assert.Single(arguments));
    }
}
