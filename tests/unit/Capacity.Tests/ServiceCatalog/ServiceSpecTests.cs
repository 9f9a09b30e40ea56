using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.ServiceCatalog;

public sealed class ServiceSpecTests
{
    private static readonly ServiceSpec Valid = new("feed-pool", "registry.local/feed-api:1.0.0", new InstanceShapeSpec(500, 512), 0, 12);

    private static IEnumerable<string> Reject(ServiceSpec spec, string name = "feed-api", bool poolExists = true) =>
        Assert.Throws<RequestValidationException>(() => spec.Validate(name, poolExists)).Errors.Keys.Order(StringComparer.Ordinal);

    [Fact]
    public void Validate_ValidSpec_DoesNotThrow()
    {
        Valid.Validate("feed-api", poolExists: true);
        (Valid with { MinInstances = 12 }).Validate("feed-api", poolExists: true);
    }

    [Fact]
    public void Validate_InvalidName_RejectsName()
    {
        Assert.Equal(["name"], Reject(Valid, name: "Feed API"));
    }

    [Fact]
    public void Validate_MissingPool_RejectsPool()
    {
        Assert.Equal(["spec.pool"], Reject(Valid with { Pool = "" }, poolExists: false));
    }

    [Fact]
    public void Validate_UndeclaredPool_RejectsPool()
    {
        var error = Assert.Throws<RequestValidationException>(() => Valid.Validate("feed-api", poolExists: false));

        Assert.Equal(["spec.pool"], error.Errors.Keys);
        Assert.Contains("'feed-pool' is not declared", error.Errors["spec.pool"][0]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_MissingImage_RejectsImage(string? image)
    {
        Assert.Equal(["spec.image"], Reject(Valid with { Image = image! }));
    }

    [Fact]
    public void Validate_MissingShape_RejectsShape()
    {
        Assert.Equal(["spec.shape"], Reject(Valid with { Shape = null }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    public void Validate_NoShapeCpu_RejectsShapeCpuMillicores(int cpu)
    {
        Assert.Equal(["spec.shape.cpuMillicores"], Reject(Valid with { Shape = new InstanceShapeSpec(cpu, 512) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-512)]
    public void Validate_NoShapeMemory_RejectsShapeMemoryMiB(int memory)
    {
        Assert.Equal(["spec.shape.memoryMiB"], Reject(Valid with { Shape = new InstanceShapeSpec(500, memory) }));
    }

    [Fact]
    public void Validate_NegativeMinimum_RejectsMinInstances()
    {
        Assert.Equal(["spec.minInstances"], Reject(Valid with { MinInstances = -1 }));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 4)]
    public void Validate_MaximumBelowOneOrMinimum_RejectsMaxInstances(int min, int max)
    {
        Assert.Equal(["spec.maxInstances"], Reject(Valid with { MinInstances = min, MaxInstances = max }));
    }

    [Fact]
    public void Validate_FullShape_DoesNotThrow()
    {
        var shape = new InstanceShapeSpec(
            500, 512, DiskGiB: 20, SwapMiB: 256, MaxPerNode: 1, MaxPerZone: 4,
            RequiredLabels: new Dictionary<string, string> { ["disktype"] = "ssd" },
            Tolerations: [new NodeTaint("surge.io/dedicated", "feed"), new NodeTaint("maintenance")]);

        (Valid with { Shape = shape, Strategy = PlacementStrategy.Pack }).Validate("feed-api", poolExists: true);
    }

    [Fact]
    public void Validate_NegativeShapeDisk_RejectsDiskGiB()
    {
        Assert.Equal(["spec.shape.diskGiB"], Reject(Valid with { Shape = new InstanceShapeSpec(500, 512, DiskGiB: -1) }));
    }

    [Fact]
    public void Validate_NegativeShapeSwap_RejectsSwapMiB()
    {
        Assert.Equal(["spec.shape.swapMiB"], Reject(Valid with { Shape = new InstanceShapeSpec(500, 512, SwapMiB: -1) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_MaxPerNodeBelowOne_RejectsMaxPerNode(int maximum)
    {
        var error = Assert.Throws<RequestValidationException>(
            () => (Valid with { Shape = new InstanceShapeSpec(500, 512, MaxPerNode: maximum) }).Validate("feed-api", poolExists: true));

        Assert.Equal(["spec.shape.maxPerNode"], error.Errors.Keys);
        Assert.Contains("leave it out for no limit", error.Errors["spec.shape.maxPerNode"][0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_MaxPerZoneBelowOne_RejectsMaxPerZone(int maximum)
    {
        Assert.Equal(["spec.shape.maxPerZone"], Reject(Valid with { Shape = new InstanceShapeSpec(500, 512, MaxPerZone: maximum) }));
    }

    [Fact]
    public void Validate_InvalidRequiredLabel_NamesTheLabel()
    {
        var shape = new InstanceShapeSpec(500, 512, RequiredLabels: new Dictionary<string, string> { ["disk type"] = "ssd", ["zone"] = new string('z', 64) });

        Assert.Equal(["spec.shape.requiredLabels.disk type", "spec.shape.requiredLabels.zone"], Reject(Valid with { Shape = shape }));
    }

    [Fact]
    public void Validate_InvalidTolerationKey_NamesItsIndex()
    {
        var shape = new InstanceShapeSpec(500, 512, Tolerations: [new NodeTaint("ok"), new NodeTaint("/dedicated")]);

        Assert.Equal(["spec.shape.tolerations[1].key"], Reject(Valid with { Shape = shape }));
    }

    [Fact]
    public void Validate_ShapeAllWrong_ReportsEachField()
    {
        var shape = new InstanceShapeSpec(0, 0, -1, -1, 0, 0, new Dictionary<string, string> { ["-x"] = "y" }, [new NodeTaint("")]);

        Assert.Equal(
            [
                "spec.shape.cpuMillicores", "spec.shape.diskGiB", "spec.shape.maxPerNode", "spec.shape.maxPerZone", "spec.shape.memoryMiB",
                "spec.shape.requiredLabels.-x", "spec.shape.swapMiB", "spec.shape.tolerations[0].key",
            ],
            Reject(Valid with { Shape = shape }));
    }
}
