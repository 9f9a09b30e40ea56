using Surge.Capacity.Nodes;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.Nodes;

public sealed class NodeSpecTests
{
    private static readonly NodeSpec Valid = new("feed-pool", "zone-a", "rack-a1", 4000, 8192);

    private static IEnumerable<string> Reject(NodeSpec spec, string name = "feed-node-1", bool poolExists = true) =>
        Assert.Throws<RequestValidationException>(() => spec.Validate(name, poolExists)).Errors.Keys.Order(StringComparer.Ordinal);

    [Fact]
    public void Validate_ValidSpec_DoesNotThrow()
    {
        Valid.Validate("feed-node-1", poolExists: true);
        (Valid with { Rack = null, AcceptsInstances = false }).Validate("feed-node-1", poolExists: true);
    }

    [Fact]
    public void Validate_InvalidName_RejectsName()
    {
        Assert.Equal(["name"], Reject(Valid, name: "Feed_Node"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Feed Pool")]
    public void Validate_InvalidPoolName_RejectsPool(string? pool)
    {
        Assert.Equal(["spec.pool"], Reject(Valid with { Pool = pool! }, poolExists: false));
    }

    [Fact]
    public void Validate_UndeclaredPool_RejectsPool()
    {
        var error = Assert.Throws<RequestValidationException>(() => Valid.Validate("feed-node-1", poolExists: false));

        Assert.Equal(["spec.pool"], error.Errors.Keys);
        Assert.Contains("'feed-pool' is not declared", error.Errors["spec.pool"][0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_MissingZone_RejectsZone(string? zone)
    {
        Assert.Equal(["spec.zone"], Reject(Valid with { Zone = zone! }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void Validate_NoCpu_RejectsCpuMillicores(int cpu)
    {
        Assert.Equal(["spec.cpuMillicores"], Reject(Valid with { CpuMillicores = cpu }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_NoMemory_RejectsMemoryMiB(int memory)
    {
        Assert.Equal(["spec.memoryMiB"], Reject(Valid with { MemoryMiB = memory }));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryField()
    {
        var spec = new NodeSpec("feed-pool", "", null, 0, 0);

        Assert.Equal(["name", "spec.cpuMillicores", "spec.memoryMiB", "spec.pool", "spec.zone"], Reject(spec, name: "", poolExists: false));
    }

    [Fact]
    public void Validate_PlacementFields_DoesNotThrow()
    {
        var spec = Valid with
        {
            DiskGiB = 200,
            SwapMiB = 2048,
            Labels = new Dictionary<string, string> { ["disktype"] = "ssd", ["surge.io/gpu"] = "" },
            Taints = [new NodeTaint("surge.io/dedicated", "batch"), new NodeTaint("maintenance")],
        };

        spec.Validate("feed-node-1", poolExists: true);
    }

    [Fact]
    public void Validate_Provider_IsRejectedBecauseCapacitySetsIt()
    {
        var error = Assert.Throws<RequestValidationException>(
            () => (Valid with { Provider = "private-cloud" }).Validate("feed-node-1", poolExists: true));

        Assert.Contains("overflowProviders", Assert.Single(error.Errors["spec.provider"]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Validate_NegativeDisk_RejectsDiskGiB(int disk)
    {
        var error = Assert.Throws<RequestValidationException>(() => (Valid with { DiskGiB = disk }).Validate("feed-node-1", poolExists: true));

        Assert.Equal(["spec.diskGiB"], error.Errors.Keys);
        Assert.Contains($"diskGiB is {disk}", error.Errors["spec.diskGiB"][0]);
    }

    [Fact]
    public void Validate_NegativeSwap_RejectsSwapMiB()
    {
        Assert.Equal(["spec.swapMiB"], Reject(Valid with { SwapMiB = -1 }));
    }

    [Fact]
    public void Validate_InvalidTaintKey_NamesItsIndex()
    {
        var spec = Valid with { Taints = [new NodeTaint("surge.io/dedicated"), new NodeTaint("bad key"), new NodeTaint("")] };

        Assert.Equal(["spec.taints[1].key", "spec.taints[2].key"], Reject(spec));
    }

    [Fact]
    public void Validate_InvalidLabelKey_NamesTheLabel()
    {
        var spec = Valid with { Labels = new Dictionary<string, string> { ["disktype"] = "ssd", ["-gpu"] = "yes" } };

        var error = Assert.Throws<RequestValidationException>(() => spec.Validate("feed-node-1", poolExists: true));

        Assert.Equal(["spec.labels.-gpu"], error.Errors.Keys);
        Assert.Contains("'-gpu' is not a valid label key", error.Errors["spec.labels.-gpu"][0]);
    }

    [Fact]
    public void Validate_LabelValueTooLong_RejectsLabel()
    {
        var spec = Valid with { Labels = new Dictionary<string, string> { ["rack"] = new string('r', 64) } };

        Assert.Equal(["spec.labels.rack"], Reject(spec));
    }

    [Fact]
    public void Validate_LabelValueOf63Characters_DoesNotThrow()
    {
        (Valid with { Labels = new Dictionary<string, string> { ["rack"] = new string('r', 63) } }).Validate("feed-node-1", poolExists: true);
    }

    [Fact]
    public void Validate_NewFieldsAllWrong_ReportsEachField()
    {
        var spec = Valid with
        {
            DiskGiB = -1,
            SwapMiB = -1,
            Labels = new Dictionary<string, string> { ["Bad/Prefix"] = "x" },
            Taints = [new NodeTaint("a/b/c")],
        };

        Assert.Equal(["spec.diskGiB", "spec.labels.Bad/Prefix", "spec.swapMiB", "spec.taints[0].key"], Reject(spec));
    }
}
