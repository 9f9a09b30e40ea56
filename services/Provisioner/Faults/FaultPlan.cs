namespace Surge.Provisioner.Faults;

/// <summary>
/// The latencies and injected faults of every operation of one provider, and the random numbers that decide each call.
/// Calls from several threads are safe. With a seeded <see cref="Random"/>, the same sequence of calls gets the same
/// decisions, but concurrent calls take their turns in whatever order they arrive.
/// </summary>
public sealed class FaultPlan
{
    private readonly Dictionary<ProviderOperation, OperationFaults> operations;
    private readonly Random random;
    private readonly Lock gate = new();

    /// <summary>Creates the plan from the faults of every <see cref="ProviderOperation"/>.</summary>
    /// <param name="operations">One entry per operation.</param>
    /// <param name="timeScale">The factor every sampled latency is multiplied by, greater than 0.</param>
    /// <param name="random">The source of the random numbers. The caller seeds it for repeatable runs.</param>
    /// <exception cref="ArgumentException">An operation is missing or listed twice.</exception>
    public FaultPlan(IEnumerable<OperationFaults> operations, double timeScale, Random random)
    {
        if (!(timeScale > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be greater than 0.");
        }

        this.operations = [];
        foreach (var faults in operations)
        {
            if (!this.operations.TryAdd(faults.Operation, faults))
            {
                throw new ArgumentException($"Operation {faults.Operation} is listed twice.", nameof(operations));
            }
        }

        var missing = Enum.GetValues<ProviderOperation>().Where(operation => !this.operations.ContainsKey(operation)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The fault plan has no entry for {string.Join(", ", missing)}.", nameof(operations));
        }

        TimeScale = timeScale;
        this.random = random;
    }

    /// <summary>The factor every sampled latency is multiplied by.</summary>
    public double TimeScale { get; }

    /// <summary>Returns the latency distribution and fault rates of <paramref name="operation"/>.</summary>
    public OperationFaults For(ProviderOperation operation) => operations[operation];

    /// <summary>Decides the next call of <paramref name="operation"/>: its scaled latency and its outcome.</summary>
    public OperationCall Next(ProviderOperation operation)
    {
        var faults = operations[operation];

        // Random is not thread-safe, and operations run concurrently.
        lock (gate)
        {
            return faults.Decide(random, TimeScale);
        }
    }
}
