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
}
