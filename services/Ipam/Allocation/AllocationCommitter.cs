using System.Threading.Channels;
using Marten;
using Marten.Exceptions;
using JasperFx;
using JasperFx.Events;
using Microsoft.Extensions.Options;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Chaos;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Commits allocation requests in groups: every request that arrives while a commit runs joins the next one. Each
/// caller waits for the commit that holds its reply, so nothing is answered before it is durable, and under load one
/// transaction serves many requests instead of one each.
/// </summary>
public sealed partial class AllocationCommitter(
    IDocumentStore store,
    AddressLedger ledger,
    Subnets.SubnetStates subnets,
    PartitionLocks locks,
    CrashHook crashHook,
    TimeProvider time,
    IOptions<AllocationBatchOptions> options,
    ILogger<AllocationCommitter> logger,
    OutboxDispatcher? dispatcher = null) : BackgroundService
{
    private readonly AddressSpaceCache cache = new(ledger, subnets);
    private readonly Channel<Waiting> queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Queues the request and returns its reply once the commit that contains it is done, or null when the inbox shows
    /// the message was handled before. Throws when that commit failed.
    /// </summary>
    public Task<StagedReply?> AllocateAsync(AllocationWork work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<StagedReply?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Waiting(work, done)))
        {
            throw new InvalidOperationException("Ipam is stopping and takes no more allocation requests.");
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<Waiting>();
                while (batch.Count < options.Value.MaxBatchSize && reader.TryRead(out var waiting))
                {
                    batch.Add(waiting);
                }

                await CommitAsync(batch, stoppingToken);
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            while (reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    /// <summary>Commits one batch, deciding again from fresh state when another writer changed a stream first.</summary>
    public async Task CommitAsync(IReadOnlyList<Waiting> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var replies = (await CommitOnceAsync(batch, cancellationToken)).ToDictionary(reply => reply.Key, StringComparer.Ordinal);
                batch.ToList().ForEach(waiting => waiting.Done.TrySetResult(replies.GetValueOrDefault(waiting.Work.Key)));
                LogCommitted(logger, batch.Count, attempt);
                return;
            }
            catch (Exception exception) when (IsConcurrency(exception) && attempt < options.Value.MaxAttempts)
            {
                LogRetrying(logger, batch.Count, attempt, exception.Message);
            }
            catch (Exception exception)
            {
                // The callers' messages go back to the broker, which redelivers them; the inbox keeps a redelivered
                // message that did commit from being handled twice.
                LogFailed(logger, exception, batch.Count, attempt);
                batch.ToList().ForEach(waiting => waiting.Done.TrySetException(exception));
                return;
            }
        }
    }

    private async Task<IReadOnlyList<StagedReply>> CommitOnceAsync(IReadOnlyList<Waiting> batch, CancellationToken cancellationToken)
    {
        using var partition = await locks.AcquireAsync(IpamPartitions.AddressSpace, cancellationToken);
        await using var session = store.LightweightSession();

        // Events of a batch carry one correlation id, the first request's; the saga id inside each allocation still
        // ties it to its own saga.
        session.CorrelationId = batch[0].Work.CorrelationId;
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(session, cancellationToken);

        var staged = await cache.StageAsync(session, versions, [.. batch.Select(waiting => waiting.Work)], time.GetUtcNow(), cancellationToken);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Another process may have written a stream this process caches, so every cached subnet is read again
            // before the next decision. The ledger needs no reset: it folded nothing of this batch and catches up
            // from the versions read with the next lock.
            cache.Clear();
            throw;
        }

        using (await ledger.EnterAsync(CancellationToken.None))
        {
            staged.Commit();
        }

        crashHook.AfterCommit(nameof(Contracts.Addresses.AllocateAddresses));
        var outbox = staged.Replies.Where(reply => reply.Outbox is not null).Select(reply => reply.Outbox!).ToList();
        if (dispatcher is not null && outbox.Count > 0)
        {
            await dispatcher.DispatchAsync(outbox, CancellationToken.None);
        }

        return staged.Replies;
    }

    private static bool IsConcurrency(Exception exception) =>
        exception is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        || exception.InnerException is Npgsql.PostgresException { SqlState: "40001" or "40P01" };

    /// <summary>A queued request and the caller waiting for its commit.</summary>
    public sealed record Waiting(AllocationWork Work, TaskCompletionSource<StagedReply?> Done);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Committed {Count} allocation requests in one transaction (attempt {Attempt})")]
    private static partial void LogCommitted(ILogger logger, int count, int attempt);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Another writer changed a stream of {Count} allocation requests first (attempt {Attempt}); deciding again: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Failed to commit {Count} allocation requests after {Attempt} attempts; the broker redelivers them")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, int attempt);
}
