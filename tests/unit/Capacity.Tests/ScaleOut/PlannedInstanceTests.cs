using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// Ready and Pending decide which reservations NodeLedger commits when a saga completes: only a ready instance's, so an
/// instance that failed and then reported late is still released.
/// </summary>
public sealed class PlannedInstanceTests
{
    public static TheoryData<string, string?, string?, bool, bool> States() => new()
    {
        { "placed", null, null, false, true },
        { "reported ready", "http://127.42.0.2:8080", null, true, false },
        { "failed", null, "image pull failed", false, false },
        { "failed then reported late", "http://127.42.0.2:8080", "image pull failed", false, false },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void ReadyAndPending_InstanceState_MatchTable(string scenario, string? endpoint, string? failureReason, bool ready, bool pending)
    {
        var instance = new PlannedInstance(Guid.NewGuid(), "feed-node-1", "feed-pool", Endpoint: endpoint, FailureReason: failureReason);

        Assert.True(instance.Ready == ready, $"{scenario}: Ready is {instance.Ready}");
        Assert.True(instance.Pending == pending, $"{scenario}: Pending is {instance.Pending}");
    }
}
