using System.Threading.Channels;
using Marten;
using Surge.Ipam;
using Surge.Ipam.Addressing;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// The minimum an event-sourced allocator on Marten writes, measured as if it were an allocator. Requests are grouped
/// as Ipam's committer groups them, and each group is one <see cref="BlockChanges"/> entry appended to one stream at
/// its expected version. The entry has Ipam's shape: one time per group and a run of allocations per node, each with a
/// saga id of its own. It decides nothing: the addresses come from a counter over the subnet, so the rate shows what
/// the commit alone allows on this machine, the ceiling for Ipam's allocator, which also decides and locks.
/// </summary>
public sealed class LedgerAppendFloor(string name, string schema, AllocatorEnvironment environment) : IAddressAllocatorUnderTest
{
    private const string Stream = "addresses/floor";

    private readonly Channel<(Guid InstanceId, string Node, TaskCompletionSource<string> Done)> queue =
        Channel.CreateUnbounded<(Guid, string, TaskCompletionSource<string>)>(new UnboundedChannelOptions { SingleReader = true });

    private DocumentStore? store;
    private AllocationSessions? sessions;
    private Task? writer;
    private UInt128 next;
    private UInt128 last;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public async Task PrepareAsync(BenchmarkSubnetPlan plan, CancellationToken ct)
    {
        store = await IpamStoreForBenchmark.CreateAsync(environment.ConnectionString, schema, ct);

        // On the connections Ipam's committer uses, so the ceiling and the allocator differ only in what Ipam decides.
        sessions = new AllocationSessions(store, environment.ConnectionString);
        var subnet = AddressBlock.Parse(plan.Subnet.ToString());
        (next, last) = (subnet.FirstUsable, subnet.LastUsable);
        writer = WriteAsync(CancellationToken.None);
    }

    /// <inheritdoc />
    public Task<string?> AllocateAsync(Guid instanceId, string node, CancellationToken ct)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Writer.TryWrite((instanceId, node, done));
        return done.Task.WaitAsync(ct)!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid InstanceId, string Address)>> ReadAllocationsAsync(CancellationToken ct)
    {
        await using var session = store!.QuerySession();
        var entries = await session.Events.FetchStreamAsync(Stream, token: ct);
        return
        [
            .. entries.SelectMany(entry => ((BlockChanges)entry.Data).Changes)
                .Select(change => (AddressAllocated)change.Event)
                .Select(allocated => (allocated.InstanceId, allocated.Address)),
        ];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writer is not null)
        {
            await writer;
        }

        store?.Dispose();
    }

    // One loop, as Ipam's committer: everything that queued while the last commit ran is the next entry. Once the
    // subnet's addresses are used up, a request gets none, as from the other allocators. A failed commit fails its
    // batch's callers and the loop goes on, so no caller waits for a writer that stopped.
    private async Task WriteAsync(CancellationToken ct)
    {
        var reader = queue.Reader;
        var version = 0L;
        while (await reader.WaitToReadAsync(ct))
        {
            var batch = new List<(Guid InstanceId, string Node, TaskCompletionSource<string> Done)>();
            while (batch.Count < environment.MaxBatchSize && reader.TryRead(out var waiting))
            {
                batch.Add(waiting);
            }

            var room = next > last ? 0 : (int)UInt128.Min(last - next + 1, (UInt128)batch.Count);
            var served = batch.Take(room).ToList();
            foreach (var unserved in batch.Skip(served.Count))
            {
                unserved.Done.TrySetResult(null!);
            }

            if (served.Count == 0)
            {
                continue;
            }

            try
            {
                version = await AppendAsync(served, version, ct);
            }
            catch (Exception exception)
            {
                served.ForEach(request => request.Done.TrySetException(exception));
            }
        }
    }

    // Appends one entry with an address for each request, completes their callers, and returns the stream's version.
    // Ipam stages a batch block by block and gives it one time, so its entry has a run per block and node. Here each
    // node stands for one block, which keeps the entry the size of Ipam's.
    private async Task<long> AppendAsync(List<(Guid InstanceId, string Node, TaskCompletionSource<string> Done)> requests, long version, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = requests.OrderBy(request => request.Node, StringComparer.Ordinal).ToList();
        var changes = batch.Select(request => new BlockChange($"floor/{request.Node}", new AddressAllocated(NextAddress(), request.InstanceId, Guid.NewGuid(), request.Node, now))).ToList();
        await using var session = sessions!.Open();
        if (version == 0)
        {
            session.Events.StartStream(Stream, new BlockChanges(changes));
        }
        else
        {
            session.Events.Append(Stream, version + 1, new BlockChanges(changes));
        }

        await session.SaveChangesAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(((AddressAllocated)changes[i].Event).Address);
        }

        return version + 1;
    }

    private string NextAddress() => AddressBlock.ToAddress(next++, System.Net.Sockets.AddressFamily.InterNetwork).ToString();
}
