using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Contracts.Addresses;
using Surge.Ipam;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.WarmSets;
using Surge.ServiceDefaults.Chaos;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// Ipam's own allocator, run in this process on its own Marten store: node blocks as warm sets, requests committed in
/// groups by <see cref="AllocationCommitter"/> as <c>POST /allocations</c> sends them, and the warm-set refill running
/// every second and the ledger snapshots beside it as in the service. The broker is left out, as it is for the
/// baseline, so no inbox entry or outbox reply is written.
/// </summary>
public sealed class WarmSetAllocator(string name, string schema, AllocatorEnvironment environment) : IAddressAllocatorUnderTest
{
    private const string Subnet = "bench";
    private const string Pool = "bench-pool";

    private readonly CancellationTokenSource stopping = new();
    private readonly AddressLedger ledger = new(Options.Create(new AddressLedgerOptions()));
    private readonly SubnetStates subnets = new();

    // Shared by the committer and the refill, as in the service, so the two take turns inside the process too.
    private readonly PartitionLocks locks = new();
    private DocumentStore? store;
    private AllocationCommitter? committer;
    private LedgerSnapshotWriter? snapshots;
    private Task? refill;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public async Task PrepareAsync(BenchmarkSubnetPlan plan, CancellationToken ct)
    {
        store = await IpamStoreForBenchmark.CreateAsync(environment.ConnectionString, schema, ct);

        // Each node keeps at least its warm level ready; blocks are whole, so a node may hold up to one block more.
        var warm = plan.Nodes.Max(node => node.WarmAddresses);
        var cidr = plan.Subnet.ToString();
        var layout = SubnetLayout.DefaultFor(cidr) with { Warm = new WarmLevels(warm, warm) };
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Subnet>(Surge.Ipam.Subnets.Subnet.StreamKey(Subnet), new SubnetDefined(Subnet, cidr, null, [Pool], [.. plan.Nodes.Select(node => node.Name)], layout));
            await session.SaveChangesAsync(ct);
        }

        await RefillOnceAsync(ct);
        committer = new AllocationCommitter(
            new AllocationSessions(store, environment.ConnectionString),
            ledger,
            subnets,
            locks,
            new CrashHook(Options.Create(new ChaosOptions()), NullLogger<CrashHook>.Instance),
            TimeProvider.System,
            Options.Create(new AllocationBatchOptions { MaxBatchSize = environment.MaxBatchSize }),
            NullLogger<AllocationCommitter>.Instance);
        await committer.StartAsync(ct);
        snapshots = new LedgerSnapshotWriter(store, ledger, NullLogger<LedgerSnapshotWriter>.Instance);
        await snapshots.StartAsync(ct);
        refill = RefillEverySecondAsync(stopping.Token);
    }

    /// <inheritdoc />
    public async Task<string?> AllocateAsync(Guid instanceId, string node, CancellationToken ct)
    {
        var request = new AllocateAddresses(Guid.NewGuid(), "bench", [new AddressRequest(instanceId, node, Pool)]);
        var work = new AllocationWork(instanceId.ToString("N"), instanceId.ToString("N"), null, request, ViaBroker: false);
        var reply = await committer!.AllocateAsync(work, ct);
        return reply?.Reply is AddressesAllocated allocated ? allocated.Assignments[0].Address : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid InstanceId, string Address)>> ReadAllocationsAsync(CancellationToken ct)
    {
        // A ledger of its own, folded from the snapshot and the entries in the database, so the check reads what was
        // committed and not what this process kept in memory.
        await using var session = store!.QuerySession();
        var stored = new AddressLedger(Options.Create(new AddressLedgerOptions()));
        await stored.CatchUpAsync(session, null, ct);
        return [.. stored.Holdings().Select(holding => (holding.InstanceId, holding.Id))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (refill is not null)
        {
            await refill;
        }

        if (committer is not null)
        {
            await committer.StopAsync(CancellationToken.None);
            committer.Dispose();
        }

        if (snapshots is not null)
        {
            await snapshots.StopAsync(CancellationToken.None);
            snapshots.Dispose();
        }

        store?.Dispose();
        stopping.Dispose();
    }

    private async Task RefillEverySecondAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                await RefillOnceAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // As WarmSetRefill.RefillAsync: the plan is made without the lock, and only a plan with changes takes it.
    private async Task RefillOnceAsync(CancellationToken ct)
    {
        WarmSetRefillPlan plan;
        await using (var query = store!.QuerySession())
        {
            plan = await WarmSetRefill.PlanAsync(query, ledger, subnets, DateTimeOffset.UtcNow, ct);
        }

        if (plan.Subnets.Count == 0)
        {
            return;
        }

        using var partition = await locks.AcquireAsync(IpamPartitions.AddressSpace, ct);
        await using var session = store.LightweightSession();
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(session, ct);
        var staged = await WarmSetRefill.StageAsync(session, ledger, subnets, versions, plan, DateTimeOffset.UtcNow, ct);

        await session.SaveChangesAsync(ct);
        await staged.Committed();
    }
}
