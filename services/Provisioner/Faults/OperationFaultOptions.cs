namespace Surge.Provisioner.Faults;

/// <summary>
/// The latency and the injected faults of one provider operation, bound from
/// <c>&lt;Provider&gt;:Operations:&lt;Operation&gt;</c>. Each call of the operation either fails, never answers or
/// succeeds, so <see cref="FailureRate"/> and <see cref="NeverAnswerRate"/> add up to at most 1.
/// </summary>
public sealed class OperationFaultOptions
{
    /// <summary>How long the operation takes before <c>TimeScale</c>. Default none, which keeps the provider's reference latency for the operation.</summary>
    public LatencyOptions? Latency { get; set; }

    /// <summary>
    /// The probability, from 0 to 1, that a call fails after its latency with a reason stating that the failure was injected.
    /// Default none, which means 0 unless the provider maps an older key onto it.
    /// </summary>
    public double? FailureRate { get; set; }

    /// <summary>
    /// The probability, from 0 to 1, that a call never completes and reports nothing until it is cancelled (the instance
    /// is stopped or the service shuts down). Default 0.
    /// </summary>
    public double NeverAnswerRate { get; set; }
}
