using System.Threading.Channels;
using Marten;
using Marten.Exceptions;
using JasperFx;
using JasperFx.Events;
using Microsoft.Extensions.Options;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Chaos;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Commits allocation requests in groups: every request that arrives while a commit runs joins the next one. Each
/// caller waits for the commit that holds its reply, so nothing is answered before it is durable, and under load one
/// transaction serves many requests instead of one each.
/// </summary>
public sealed partial class AllocationCommitter(
    AllocationSessions sessions,
    AddressLedger ledger,
    Subnets.SubnetStates subnets,
    PartitionLocks locks,
    CrashHook crashHook,
    TimeProvider time,
    IOptions<AllocationBatchOptions> options,
    ILogger<AllocationCommitter> logger,
    OutboxDispatcher? dispatcher = null) : BackgroundService
{
    // At most this many batches in a row take the address-space lock while the one before commits; see QueueForLock.
    private const int MaxChained = 8;

    private readonly AddressSpaceCache cache = new(ledger, subnets);
    private int chained;
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
            throw new ServiceStoppingException("allocation requests");
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Commits queued requests until the service stops. On stop the queue accepts no new request, but the requests
    /// already in it are still committed and replied to, so a caller in flight gets its reply instead of a dropped
    /// connection. The host's shutdown timeout bounds how long that takes.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var closing = stoppingToken.Register(() => queue.Writer.TryComplete());
        var reader = queue.Reader;
        Ahead? ahead = null;
        try
        {
            while (ahead is not null || await reader.WaitToReadAsync(CancellationToken.None))
            {
                var current = ahead ?? new Ahead(Take(reader));
                ahead = null;
                ahead = await CommitAsync(current, reader, CancellationToken.None);
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            if (ahead is not null)
            {
                await ahead.DiscardAsync();
                ahead.Batch.ForEach(waiting => waiting.Done.TrySetCanceled(stoppingToken));
            }

            while (reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    // Commits the batch, deciding again from fresh state when another writer changed a stream first, and returns the
    // requests that queued while it saved, decided ahead on its outcome when that worked, for the loop to commit next.
    // Those requests are returned on every path, so their callers get a reply whatever happens to this batch.
    private async Task<Ahead?> CommitAsync(Ahead current, ChannelReader<Waiting> reader, CancellationToken cancellationToken)
    {
        var batch = current.Batch;
        Ahead? next = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Only one attempt takes requests from the queue, so a retry never leaves a taken request behind.
                var replies = (await CommitOnceAsync(current, next is null ? reader : null, ahead => next = ahead, cancellationToken)).ToDictionary(reply => reply.Key, StringComparer.Ordinal);
                batch.ForEach(waiting => waiting.Done.TrySetResult(replies.GetValueOrDefault(waiting.Work.Key)));
                LogCommitted(logger, batch.Count, attempt);
                return next;
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
                batch.ForEach(waiting => waiting.Done.TrySetException(exception));
                if (next is not null)
                {
                    await next.DiscardAsync();
                }

                return next;
            }
            finally
            {
                await current.DiscardAsync();
            }

            // A batch decided ahead on this one's outcome is void once this one failed.
            if (next is not null)
            {
                await next.DiscardAsync();
            }
        }
    }

    private async Task<IReadOnlyList<StagedReply>> CommitOnceAsync(
        Ahead current,
        ChannelReader<Waiting>? reader,
        Action<Ahead> queuedMeanwhile,
        CancellationToken cancellationToken)
    {
        var partition = current.TakePartition() ?? await locks.AcquireAsync(IpamPartitions.AddressSpace, cancellationToken);
        var handedOver = false;
        StagedBatch staged;
        try
        {
            (var session, staged) = await LockAndStageAsync(current, cancellationToken);
            await using var owned = session;

            var saving = SaveAsync(session, cancellationToken);

            // While PostgreSQL commits this batch, the requests that queued meanwhile are decided on its outcome, so the
            // next commit starts as soon as this one ends instead of after a planning of its own.
            if (reader is not null && await StageAheadAsync(reader, staged, cancellationToken) is { } ahead)
            {
                handedOver = QueueForLock(ahead, partition, cancellationToken);
                queuedMeanwhile(ahead);
            }

            await saving;
            using (await ledger.EnterAsync(CancellationToken.None))
            {
                staged.Commit();
            }
        }
        finally
        {
            if (!handedOver)
            {
                partition.Dispose();
            }
        }

        crashHook.AfterCommit(nameof(Contracts.Addresses.AllocateAddresses));
        var outbox = staged.Replies.Where(reply => reply.Outbox is not null).Select(reply => reply.Outbox!).ToList();
        if (dispatcher is not null && outbox.Count > 0)
        {
            await dispatcher.HandOffAsync(outbox);
        }

        return staged.Replies;
    }

    // Lets a batch decided ahead wait for the address-space lock in PostgreSQL while the batch before it commits, so
    // the lock and the versions reach it without a round trip of its own. The batch then also takes over this
    // process's partition lock: a refill takes that lock before the advisory one, and would otherwise wait for the
    // advisory lock held by this batch while this batch waits for the partition lock. After a few batches in a row
    // the chain breaks, so a waiting refill gets its turn.
    private bool QueueForLock(Ahead ahead, IDisposable partition, CancellationToken cancellationToken)
    {
        if (!ahead.HasDecision || chained >= MaxChained)
        {
            chained = 0;
            return false;
        }

        chained++;
        ahead.QueueForLock(partition, cancellationToken);
        return true;
    }

    // Takes the address-space lock in the session of a batch decided ahead and keeps that decision when nothing moved
    // since it was made. Otherwise it decides the batch now, in a new session, under the lock.
    private async Task<(IDocumentSession Session, StagedBatch Staged)> LockAndStageAsync(Ahead current, CancellationToken cancellationToken)
    {
        if (current.TakeDecision() is { } decided)
        {
            var stillValid = false;
            try
            {
                var read = await (decided.Versions ?? AddressSpaceLock.HoldAndReadVersionsAsync(decided.Session, cancellationToken));
                stillValid = decided.Staged.DecidedOn.StillHolds(read);
            }
            finally
            {
                if (!stillValid)
                {
                    await decided.Session.DisposeAsync();
                }
            }

            if (stillValid)
            {
                return (decided.Session, decided.Staged);
            }

            // Another writer came between, or the batch before failed: the decision is void.
            LogDecidedAgain(logger, current.Batch.Count);
        }

        var session = OpenSession(current.Batch);
        try
        {
            var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(session, cancellationToken);
            return (session, await cache.StageAsync(session, versions, current.Works, time.GetUtcNow(), cancellationToken));
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private IDocumentSession OpenSession(List<Waiting> batch)
    {
        var session = sessions.Open();

        // Events of a batch carry one correlation id, the first request's; the saga id inside each allocation still
        // ties it to its own saga.
        session.CorrelationId = batch[0].Work.CorrelationId;
        return session;
    }

    private async Task SaveAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
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
    }

    // Takes what queued while the batch saves and decides it on the batch's outcome. A decision that cannot be made
    // ahead is left to the next commit, which makes it under the lock; the requests are kept either way.
    private async Task<Ahead?> StageAheadAsync(ChannelReader<Waiting> reader, StagedBatch previous, CancellationToken cancellationToken)
    {
        var queued = Take(reader);
        if (queued.Count == 0)
        {
            return null;
        }

        var ahead = new Ahead(queued);
        var session = OpenSession(queued);
        try
        {
            if (await cache.StageAheadAsync(session, previous, ahead.Works, time.GetUtcNow(), cancellationToken) is { } staged)
            {
                ahead.Decide(session, staged);
                return ahead;
            }
        }
        catch (Exception exception)
        {
            // Also when stopping: the requests go back with the batch, and their callers then get a cancellation.
            LogAheadFailed(logger, exception, queued.Count);
        }

        await session.DisposeAsync();
        return ahead;
    }

    private List<Waiting> Take(ChannelReader<Waiting> reader)
    {
        var batch = new List<Waiting>();
        while (batch.Count < options.Value.MaxBatchSize && reader.TryRead(out var waiting))
        {
            batch.Add(waiting);
        }

        return batch;
    }

    private static bool IsConcurrency(Exception exception) =>
        exception is ConcurrencyException or EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
        || exception.InnerException is Npgsql.PostgresException { SqlState: "40001" or "40P01" };

    /// <summary>A queued request and the caller waiting for its commit.</summary>
    public sealed record Waiting(AllocationWork Work, TaskCompletionSource<StagedReply?> Done);

    // A batch waiting for its commit, with the decision made for it ahead, if any, the session that holds it, the
    // versions that session reads once it has the lock, and the partition lock handed over with it.
    private sealed class Ahead(List<Waiting> batch)
    {
        private Decision? decision;
        private IDisposable? partition;

        public List<Waiting> Batch { get; } = batch;

        public IReadOnlyList<AllocationWork> Works { get; } = [.. batch.Select(waiting => waiting.Work)];

        public bool HasDecision => decision is not null;

        public void Decide(IDocumentSession session, StagedBatch staged) => decision = new Decision(session, staged, null);

        public void QueueForLock(IDisposable handedOver, CancellationToken cancellationToken)
        {
            partition = handedOver;
            decision = decision! with { Versions = AddressSpaceLock.HoldAndReadVersionsAsync(decision.Session, cancellationToken) };
        }

        // Hands the decision over once; the caller then owns its session.
        public Decision? TakeDecision()
        {
            var handed = decision;
            decision = null;
            return handed;
        }

        // Hands the partition lock over once; the caller then releases it.
        public IDisposable? TakePartition()
        {
            var handed = partition;
            partition = null;
            return handed;
        }

        // The session may still wait for the lock, which it gets once the batch before has ended either way, so the
        // wait ends before the session is closed.
        public async Task DiscardAsync()
        {
            if (TakeDecision() is { } left)
            {
                if (left.Versions is { } versions)
                {
                    await versions.ContinueWith(_ => { }, TaskScheduler.Default);
                }

                await left.Session.DisposeAsync();
            }

            TakePartition()?.Dispose();
        }
    }

    private sealed record Decision(IDocumentSession Session, StagedBatch Staged, Task<Dictionary<string, long>>? Versions);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Committed {Count} allocation requests in one transaction (attempt {Attempt})")]
    private static partial void LogCommitted(ILogger logger, int count, int attempt);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Another writer changed a stream of {Count} allocation requests first (attempt {Attempt}); deciding again: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug, Message = "Deciding {Count} allocation requests again under the lock: another writer changed the address space after they were decided ahead")]
    private static partial void LogDecidedAgain(ILogger logger, int count);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Could not decide {Count} allocation requests ahead; the next commit decides them under the lock")]
    private static partial void LogAheadFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Failed to commit {Count} allocation requests after {Attempt} attempts; each caller gets the error, and the broker redelivers the requests that came as messages")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count, int attempt);
}
