namespace Surge.Benchmarks.Reporting;

/// <summary>What one measured phase of sagas gave: counts, times, and per saga the step and hop durations in milliseconds.</summary>
/// <param name="Name">The phase, such as <c>latency</c>.</param>
/// <param name="Concurrency">Sagas in flight at once.</param>
/// <param name="Started">Sagas started.</param>
/// <param name="Completed">Sagas that ended as Completed.</param>
/// <param name="Elapsed">Wall-clock time from the first request to the last saga seen finished, on the benchmark's clock.</param>
/// <param name="EventSpan">Time from the first ScaleOutRequested to the last ScaleOutCompleted, from the events.</param>
/// <param name="Steps">Per completed saga, the duration of each step.</param>
/// <param name="Hops">Per completed saga, the duration of each hop between services.</param>
public sealed record PhaseResult(
    string Name,
    int Concurrency,
    int Started,
    int Completed,
    TimeSpan Elapsed,
    TimeSpan EventSpan,
    IReadOnlyList<IReadOnlyDictionary<string, double>> Steps,
    IReadOnlyList<IReadOnlyDictionary<string, double>> Hops)
{
    /// <summary>Completed sagas per second over <see cref="EventSpan"/>.</summary>
    public double SagasPerSecond => EventSpan > TimeSpan.Zero ? Completed / EventSpan.TotalSeconds : double.NaN;
}
