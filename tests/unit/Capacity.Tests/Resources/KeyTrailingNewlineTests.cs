using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.Resources;

public sealed class KeyTrailingNewlineTests
{
    [Fact]
    public void ValidateKey_TrailingNewline_AddsError()
    {
        var spec = new NodeSpec("feed-pool", "zone-a", null, 4000, 8192, Taints: [new NodeTaint("gpu\n")]);

        var error = Assert.Throws<RequestValidationException>(() => spec.Validate("feed-node-1", poolExists: true));

        Assert.Equal(["spec.taints[0].key"], error.Errors.Keys);
    }

    [Fact]
    public void RequireName_TrailingNewline_RejectsName()
    {
        var error = Assert.Throws<RequestValidationException>(() => new PoolSpec().Validate("feed-pool\n"));

        Assert.Equal(["name"], error.Errors.Keys);
    }
}
