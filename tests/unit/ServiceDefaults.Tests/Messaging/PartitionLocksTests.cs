using Surge.ServiceDefaults.Messaging;

namespace Surge.ServiceDefaults.Tests.Messaging;

public sealed class PartitionLocksTests
{
    [Fact]
    public async Task AcquireAsync_SameKey_WaitsForRelease()
    {
        var locks = new PartitionLocks(stripeCount: 4);
        var first = await locks.AcquireAsync("saga-1", CancellationToken.None);

        var second = locks.AcquireAsync("saga-1", CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_ManyWorkers_NeverOverlapOnOneKey()
    {
        var locks = new PartitionLocks();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var held = await locks.AcquireAsync("saga-1", CancellationToken.None);
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
        }));

        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var locks = new PartitionLocks(stripeCount: 1);
        var held = await locks.AcquireAsync("a", CancellationToken.None);

        held.Dispose();
        held.Dispose();

        using var again = await locks.AcquireAsync("a", CancellationToken.None);
        var blocked = locks.AcquireAsync("a", CancellationToken.None);
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);
    }

    [Fact]
    public async Task AcquireManyAsync_KeysSharingStripe_DoesNotDeadlock()
    {
        var locks = new PartitionLocks(stripeCount: 1);

        using var held = await locks.AcquireManyAsync(["node/a", "node/b", "node/a"], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        var blocked = locks.AcquireAsync("node/c", CancellationToken.None);
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);
    }

    [Fact]
    public async Task AcquireManyAsync_OverlappingSetsInOppositeOrder_BothFinish()
    {
        var locks = new PartitionLocks(stripeCount: 16);

        var first = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var held = await locks.AcquireManyAsync(["node/a", "node/b"], CancellationToken.None);
            }
        });
        var second = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var held = await locks.AcquireManyAsync(["node/b", "node/a"], CancellationToken.None);
            }
        });

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
