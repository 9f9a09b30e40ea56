using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// Turns validated <see cref="SimulatedDataCentreOptions"/> into the fault plan of the simulated data centre: the
/// configured operation settings first, then the older top-level keys, then the reference latencies.
/// </summary>
public static class SimulatedDataCentreFaults
{
    /// <summary>The full key of the older start failure rate, <c>SimulatedDataCentre:FailureRate</c>.</summary>
    public const string OlderFailureRateKey = $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.FailureRate)}";

    /// <summary>Creates the plan for every operation, seeded with <see cref="SimulatedDataCentreOptions.Seed"/> when it is set.</summary>
    public static FaultPlan CreatePlan(SimulatedDataCentreOptions options) =>
        CreatePlan(options, options.Seed is { } seed ? new Random(seed) : new Random());

    /// <summary>Creates the plan for every operation with <paramref name="random"/> as the source of random numbers.</summary>
    public static FaultPlan CreatePlan(SimulatedDataCentreOptions options, Random random) =>
        new(Enum.GetValues<ProviderOperation>().Select(operation => Resolve(options, operation)), options.TimeScale, random);

    /// <summary>Returns the latency distribution and fault rates of <paramref name="operation"/>.</summary>
    public static OperationFaults Resolve(SimulatedDataCentreOptions options, ProviderOperation operation)
    {
        var configured = options.Operations.GetValueOrDefault(operation.ToString());
        var key = SimulatedDataCentreOptions.OperationKey(operation);

        var latency = configured?.Latency is { } distribution
            ? LatencyDistribution.From(distribution)
            : LatencyDistribution.Fixed(OlderLatency(options, operation) ?? ReferenceLatency(operation));

        var (failureRate, failureRateKey) = configured?.FailureRate is { } rate
            ? (rate, $"{key}:{nameof(OperationFaultOptions.FailureRate)}")
            : OlderFailureRate(options, operation) is { } olderRate
                ? (olderRate, OlderFailureRateKey)
                : (0.0, $"{key}:{nameof(OperationFaultOptions.FailureRate)}");

        return new OperationFaults(operation, latency, failureRate, configured?.NeverAnswerRate ?? 0.0, failureRateKey);
    }

    /// <summary>Returns the reference latency of <paramref name="operation"/>, used when no key sets it.</summary>
    public static TimeSpan ReferenceLatency(ProviderOperation operation) => operation switch
    {
        ProviderOperation.StartInstance => TimeSpan.FromMinutes(3),
        ProviderOperation.StopInstance => TimeSpan.FromSeconds(5),
        ProviderOperation.UpdateInstance => TimeSpan.FromMinutes(3),
        ProviderOperation.CreateVm => TimeSpan.FromMinutes(1),
        ProviderOperation.BootVm => TimeSpan.FromMinutes(3),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "The operation has no reference latency."),
    };

    /// <summary>Returns the full key of the older fixed-latency setting of <paramref name="operation"/>, such as <c>SimulatedDataCentre:InstanceStartLatency</c>.</summary>
    public static string OlderLatencyKey(ProviderOperation operation) => operation switch
    {
        ProviderOperation.StartInstance => $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.InstanceStartLatency)}",
        ProviderOperation.StopInstance => $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.InstanceStopLatency)}",
        ProviderOperation.CreateVm => $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.VmCreateLatency)}",
        ProviderOperation.BootVm => $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.VmBootLatency)}",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "The operation has no older latency key."),
    };

    /// <summary>Returns the value of the older fixed-latency setting of <paramref name="operation"/>, or null when it is not set.</summary>
    public static TimeSpan? OlderLatency(SimulatedDataCentreOptions options, ProviderOperation operation) => operation switch
    {
        ProviderOperation.StartInstance => options.InstanceStartLatency,
        ProviderOperation.StopInstance => options.InstanceStopLatency,
        ProviderOperation.CreateVm => options.VmCreateLatency,
        ProviderOperation.BootVm => options.VmBootLatency,
        _ => null,
    };

    /// <summary>Returns the older failure rate of <paramref name="operation"/>, which only <c>StartInstance</c> has, or null when it is not set.</summary>
    public static double? OlderFailureRate(SimulatedDataCentreOptions options, ProviderOperation operation) =>
        operation == ProviderOperation.StartInstance ? options.FailureRate : null;
}
