using Surge.Benchmarks.Sagas;

namespace Surge.Benchmarks.Reporting;

/// <summary>Reads a phase's saga events through the gateway's audit API and turns them into step and hop durations.</summary>
public static class PhaseCollector
{
    private const int ParallelReads = 8;

    /// <summary>Returns the phase's result from its finished sagas.</summary>
    public static async Task<PhaseResult> CollectAsync(GatewayApi gateway, string name, int concurrency, SagaBatch batch)
    {
        var completed = batch.Sagas.Where(saga => saga.Status == "Completed").ToList();
        var sagaEvents = new IReadOnlyList<TimedEvent>[completed.Count];
        var timelines = new IReadOnlyList<TimedEvent>[completed.Count];
        await Parallel.ForAsync(0, completed.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads }, async (i, _) =>
        {
            sagaEvents[i] = await gateway.GetSagaEventsAsync(completed[i].SagaId);
            timelines[i] = await gateway.GetCorrelationEventsAsync(completed[i].CorrelationId);
        });

        var steps = sagaEvents.Select(SagaSteps.Measure).OfType<IReadOnlyDictionary<string, double>>().ToList();
        var hops = timelines.Select(SagaHops.Measure).OfType<IReadOnlyDictionary<string, double>>().ToList();
        var all = sagaEvents.SelectMany(events => events).ToList();
        var span = all.Count == 0
            ? TimeSpan.Zero
            : all.Where(e => e.Type == "ScaleOutCompleted").Max(e => e.Timestamp) - all.Where(e => e.Type == "ScaleOutRequested").Min(e => e.Timestamp);
        return new PhaseResult(name, concurrency, batch.Sagas.Count, completed.Count, batch.Elapsed, span, steps, hops);
    }
}
