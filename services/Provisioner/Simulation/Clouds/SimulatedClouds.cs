using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>
/// The simulated cloud providers: the built-in <c>private-cloud</c> and <c>public-cloud</c> and every provider under
/// <c>SimulatedDataCentre:Clouds</c>. Each operation on a node waits a latency drawn from the provider's settings,
/// multiplied by <c>SimulatedDataCentre:TimeScale</c>, and then fails, never answers or succeeds.
/// </summary>
/// <remarks>
/// The nodes exist only as events in the Provisioner's store; nothing listens or runs for them. Calls from several
/// threads are safe.
/// </remarks>
public sealed partial class SimulatedClouds
{
    private readonly Dictionary<string, SimulatedCloud> clouds;
    private readonly double timeScale;
    private readonly Random random;
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly ILogger<SimulatedClouds> logger;

    /// <summary>Resolves every provider from validated options.</summary>
    public SimulatedClouds(IOptions<SimulatedDataCentreOptions> options, TimeProvider time, ILogger<SimulatedClouds> logger)
    {
        var settings = options.Value;
        clouds = new Dictionary<string, SimulatedCloud>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in CloudReference.BuiltInProviders.Concat(settings.Clouds.Keys))
        {
            clouds[provider] = SimulatedCloud.Resolve(provider, settings.Clouds.GetValueOrDefault(provider));
        }

        timeScale = settings.TimeScale;

        // A seed of its own keeps the instance operations' random sequence the same whether or not clouds are used.
        random = settings.Seed is { } seed ? new Random(unchecked(seed + 1)) : new Random();
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The names of every provider, built-in and configured.</summary>
    public IReadOnlyCollection<string> Providers => clouds.Keys;

    /// <summary>Returns the provider named <paramref name="provider"/> in any letter case, or null when there is none.</summary>
    public SimulatedCloud? Find(string provider) => clouds.GetValueOrDefault(provider);

    /// <summary>
    /// Performs <paramref name="operation"/> on <paramref name="node"/>: waits out its latency and returns the injected
    /// failure reason, or null when the call succeeds. A call that never answers waits until
    /// <paramref name="cancellationToken"/> is cancelled and then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<string?> PerformAsync(SimulatedCloud cloud, CloudOperation operation, string node, CancellationToken cancellationToken)
    {
        var faults = cloud.Operations[operation];
        CloudOperationCall call;

        // Random is not thread-safe, and nodes are created concurrently.
        lock (gate)
        {
            call = faults.Decide(random, timeScale);
        }

        if (call.Outcome is OperationOutcome.NeverAnswered)
        {
            LogHangInjected(logger, operation, node, faults.OperationKey, faults.NeverAnswerRate);
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }

        await Task.Delay(call.Latency, time, cancellationToken);
        return (call.Outcome as OperationOutcome.Failed)?.Reason;
    }

    [LoggerMessage(EventId = LogEventIds.SimulatedClouds + 1, Level = LogLevel.Warning, Message = "Injected hang: {Operation} of cloud node {Node} never answers and reports nothing until it is cancelled, because {OperationKey}:NeverAnswerRate is {NeverAnswerRate}")]
    private static partial void LogHangInjected(ILogger logger, CloudOperation operation, string node, string operationKey, double neverAnswerRate);
}
