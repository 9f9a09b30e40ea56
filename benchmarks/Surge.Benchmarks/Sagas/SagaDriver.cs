using System.Collections.Concurrent;
using System.Diagnostics;

namespace Surge.Benchmarks.Sagas;

/// <summary>
/// Starts sagas through the gateway and keeps a fixed number in flight until all have finished. One monitor lists the
/// service's newest 200 sagas every <see cref="PollInterval"/> to see which finished, so waiting costs the services one
/// query per interval instead of one per saga; a saga missing from that list is asked for by id.
/// </summary>
public sealed class SagaDriver(GatewayApi gateway, string service, int instancesPerSaga)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] FinalStatuses = ["Completed", "Failed", "Declined"];

    private readonly ConcurrentDictionary<Guid, InFlight> inFlight = new();

    /// <summary>Runs <paramref name="count"/> sagas with at most <paramref name="concurrency"/> in flight; returns each with its final status.</summary>
    public async Task<SagaBatch> RunAsync(int count, int concurrency, Action<int>? progress = null)
    {
        using var stop = new CancellationTokenSource();
        var monitor = MonitorAsync(stop.Token);
        var slots = new SemaphoreSlim(concurrency);
        var finished = new ConcurrentBag<FinishedSaga>();
        var clock = Stopwatch.StartNew();

        var workers = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await slots.WaitAsync();
            workers.Add(RunOneAsync(slots, finished, progress));
        }

        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await monitor;
        return new SagaBatch([.. finished], elapsed);
    }

    private async Task RunOneAsync(SemaphoreSlim slots, ConcurrentBag<FinishedSaga> finished, Action<int>? progress)
    {
        try
        {
            var started = await gateway.StartScaleOutAsync(service, instancesPerSaga);
            var waiting = new InFlight(started, Stopwatch.StartNew());
            inFlight[started.SagaId] = waiting;
            var status = await waiting.Done.Task.WaitAsync(SagaTimeout);
            finished.Add(new FinishedSaga(started.SagaId, started.CorrelationId, status));
            progress?.Invoke(finished.Count);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (inFlight.IsEmpty)
                {
                    continue;
                }

                var listed = (await gateway.ListSagasAsync(service)).ToDictionary(saga => saga.SagaId, saga => saga.Status);
                foreach (var (sagaId, waiting) in inFlight)
                {
                    var status = listed.TryGetValue(sagaId, out var seen) ? seen
                        : waiting.Age.Elapsed > TimeSpan.FromSeconds(2) ? await gateway.GetSagaStatusAsync(sagaId)
                        : null;
                    if (status is not null && FinalStatuses.Contains(status) && inFlight.TryRemove(sagaId, out _))
                    {
                        waiting.Done.TrySetResult(status);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The batch finished.
        }
    }

    private sealed record InFlight(StartedSaga Saga, Stopwatch Age)
    {
        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A saga that reached a final status.</summary>
public sealed record FinishedSaga(Guid SagaId, string CorrelationId, string Status);

/// <summary>The sagas of one phase and the wall-clock time from the first request to the last saga seen finished.</summary>
public sealed record SagaBatch(IReadOnlyList<FinishedSaga> Sagas, TimeSpan Elapsed);
