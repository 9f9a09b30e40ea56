using System.Globalization;
using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>The validated latency distribution and fault rates of one operation of one simulated cloud.</summary>
/// <param name="Operation">The operation these faults apply to.</param>
/// <param name="Latency">How long each call takes before the time scale.</param>
/// <param name="FailureRate">The probability, from 0 to 1, that a call fails.</param>
/// <param name="NeverAnswerRate">The probability, from 0 to 1, that a call never answers.</param>
/// <param name="OperationKey">The configuration key of the operation, which failure reasons and logs name.</param>
public sealed record CloudOperationFaults(
    CloudOperation Operation,
    LatencyDistribution Latency,
    double FailureRate,
    double NeverAnswerRate,
    string OperationKey)
{
    /// <summary>Decides one call: draws its latency, multiplies it by <paramref name="timeScale"/>, then draws its outcome.</summary>
    public CloudOperationCall Decide(Random random, double timeScale)
    {
        var latency = Latency.Sample(random) * timeScale;
        var outcome = OperationOutcome.Select(random.NextDouble(), FailureRate, NeverAnswerRate, FailureReason);
        return new CloudOperationCall(Operation, latency, outcome);
    }

    private string FailureReason() => string.Create(
        CultureInfo.InvariantCulture,
        $"injected failure: {Operation} failure rate {FailureRate}. Set {OperationKey}:{nameof(OperationFaultOptions.FailureRate)} to 0 to stop injected failures.");
}
