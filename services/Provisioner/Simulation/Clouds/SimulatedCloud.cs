using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>One simulated cloud provider as configured: its quota and the faults of each operation.</summary>
/// <param name="Provider">The provider's name, as requests spell it.</param>
/// <param name="MaxNodes">How many nodes of the provider may be live at once, counting nodes still being created.</param>
/// <param name="Operations">One entry per <see cref="CloudOperation"/>.</param>
public sealed record SimulatedCloud(string Provider, int MaxNodes, IReadOnlyDictionary<CloudOperation, CloudOperationFaults> Operations)
{
    /// <summary>
    /// Resolves <paramref name="provider"/> from validated <paramref name="settings"/>: each value that is set, and the
    /// provider's reference value from <see cref="CloudReference"/> for each value that is not.
    /// </summary>
    public static SimulatedCloud Resolve(string provider, SimulatedCloudOptions? settings)
    {
        var operations = Enum.GetValues<CloudOperation>().ToDictionary(
            operation => operation,
            operation => ResolveOperation(provider, operation, settings?.Operations.GetValueOrDefault(operation.ToString())));
        return new SimulatedCloud(provider, settings?.MaxNodes ?? CloudReference.MaxNodes(provider), operations);
    }

    private static CloudOperationFaults ResolveOperation(string provider, CloudOperation operation, OperationFaultOptions? configured)
    {
        var latency = configured?.Latency is { } distribution
            ? LatencyDistribution.From(distribution)
            : LatencyDistribution.Fixed(CloudReference.Latency(provider, operation));
        return new CloudOperationFaults(
            operation,
            latency,
            configured?.FailureRate ?? 0.0,
            configured?.NeverAnswerRate ?? 0.0,
            SimulatedCloudOptions.OperationKey(provider, operation));
    }
}
