using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>A kept subnet state is handed out only for the stream version it is the state of.</summary>
public sealed class SubnetStatesTests
{
    [Fact]
    public void At_KeptVersion_ReturnsState()
    {
        var states = new SubnetStates();
        var subnet = TestSubnets.Macvlan();
        states.Remember(subnet, 4);

        Assert.Same(subnet, states.At("feed", 4));
        Assert.Null(states.At("feed", 5));
        Assert.Null(states.At("other", 4));
    }

    [Fact]
    public void Remember_OlderVersion_KeepsNewer()
    {
        var states = new SubnetStates();
        var newer = TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1");
        states.Remember(newer, 5);

        states.Remember(TestSubnets.Macvlan(), 4);

        Assert.Same(newer, states.At("feed", 5));
        Assert.Null(states.At("feed", 4));
    }

    [Fact]
    public void Clear_ForgetsEverySubnet()
    {
        var states = new SubnetStates();
        states.Remember(TestSubnets.Macvlan(), 4);

        states.Clear();

        Assert.Null(states.At("feed", 4));
    }
}
