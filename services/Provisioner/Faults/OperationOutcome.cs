namespace Surge.Provisioner.Faults;

/// <summary>How one call of a provider operation ends: it succeeds, fails with a reason, or never answers.</summary>
public abstract record OperationOutcome
{
    private OperationOutcome()
    {
    }

    /// <summary>
    /// Returns the outcome that <paramref name="draw"/>, a number in [0, 1), selects: failure below
    /// <paramref name="failureRate"/>, never answering below <paramref name="failureRate"/> +
    /// <paramref name="neverAnswerRate"/>, and success above.
    /// </summary>
    public static OperationOutcome Select(double draw, double failureRate, double neverAnswerRate, Func<string> failureReason) =>
        draw < failureRate ? new Failed(failureReason())
            : draw < failureRate + neverAnswerRate ? new NeverAnswered()
            : new Succeeded();

    /// <summary>The call does what it was asked to.</summary>
    public sealed record Succeeded : OperationOutcome;

    /// <summary>The call fails after its latency for <paramref name="Reason"/>.</summary>
    public sealed record Failed(string Reason) : OperationOutcome;

    /// <summary>The call never completes and reports nothing until it is cancelled.</summary>
    public sealed record NeverAnswered : OperationOutcome;
}
