using System.Globalization;

namespace Surge.Provisioner.Faults;

/// <summary>The validated latency distribution and fault rates of one provider operation, and the decision for one call of it.</summary>
public sealed class OperationFaults
{
    /// <summary>Creates the faults of <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation these faults apply to.</param>
    /// <param name="latency">How long each call takes before the time scale.</param>
    /// <param name="failureRate">The probability, from 0 to 1, that a call fails.</param>
    /// <param name="neverAnswerRate">The probability, from 0 to 1, that a call never answers.</param>
    /// <param name="failureRateKey">The configuration key that set <paramref name="failureRate"/>, which the failure reason names so an operator knows what to change.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is outside 0 to 1, or the two rates add up to more than 1.</exception>
    public OperationFaults(ProviderOperation operation, LatencyDistribution latency, double failureRate, double neverAnswerRate, string failureRateKey)
    {
        ThrowIfNotRate(failureRate, nameof(failureRate));
        ThrowIfNotRate(neverAnswerRate, nameof(neverAnswerRate));
        if (!RatesFit(failureRate, neverAnswerRate))
        {
            throw new ArgumentOutOfRangeException(
                nameof(neverAnswerRate),
                neverAnswerRate,
                $"The failure rate {failureRate} and the never-answer rate {neverAnswerRate} of {operation} add up to more than 1.");
        }

        Operation = operation;
        Latency = latency;
        FailureRate = failureRate;
        NeverAnswerRate = neverAnswerRate;
        FailureRateKey = failureRateKey;
    }

    /// <summary>The operation these faults apply to.</summary>
    public ProviderOperation Operation { get; }

    /// <summary>How long each call takes before the time scale.</summary>
    public LatencyDistribution Latency { get; }

    /// <summary>The probability, from 0 to 1, that a call fails.</summary>
    public double FailureRate { get; }

    /// <summary>The probability, from 0 to 1, that a call never answers.</summary>
    public double NeverAnswerRate { get; }

    /// <summary>The configuration key that set <see cref="FailureRate"/>.</summary>
    public string FailureRateKey { get; }

    /// <summary>
    /// Returns whether a failure rate and a never-answer rate can apply together: each call either fails, never answers or
    /// succeeds, so they add up to at most 1. The sum may exceed 1 by a rounding error, as 0.7 + 0.3 can.
    /// </summary>
    public static bool RatesFit(double failureRate, double neverAnswerRate) => failureRate + neverAnswerRate <= 1.0 + 1e-9;

    /// <summary>
    /// Decides one call: draws its latency and multiplies it by <paramref name="timeScale"/>, then draws one number in
    /// [0, 1) that selects failure below <see cref="FailureRate"/>, never answering below
    /// <see cref="FailureRate"/> + <see cref="NeverAnswerRate"/>, and success above.
    /// </summary>
    public OperationCall Decide(Random random, double timeScale)
    {
        var latency = Latency.Sample(random) * timeScale;
        var draw = random.NextDouble();

        var outcome = OperationOutcome.Select(draw, FailureRate, NeverAnswerRate, FailureReason);
        return new OperationCall(Operation, latency, outcome);
    }

    private string FailureReason() => string.Create(
        CultureInfo.InvariantCulture,
        $"injected failure: {Operation} failure rate {FailureRate}. Set {FailureRateKey} to 0 to stop injected failures.");

    private static void ThrowIfNotRate(double rate, string parameter)
    {
        if (!(rate >= 0.0 && rate <= 1.0))
        {
            throw new ArgumentOutOfRangeException(parameter, rate, "A rate must be between 0 and 1.");
        }
    }
}
