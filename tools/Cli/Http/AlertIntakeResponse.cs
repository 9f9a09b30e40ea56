namespace Surge.Cli.Http;

/// <summary>The gateway's response to a webhook: the decision for each alert.</summary>
internal sealed record AlertIntakeResponse(IReadOnlyList<AlertOutcomeView> Outcomes);

/// <summary>The decision for one alert.</summary>
/// <param name="Outcome"><c>started</c>, <c>duplicate</c>, <c>ignored</c> or <c>declined</c>.</param>
/// <param name="SagaId">The saga the alert started or belongs to, if any.</param>
internal sealed record AlertOutcomeView(string Fingerprint, string Outcome, string? SagaId, string? Detail)
{
    public const string Started = "started";
}

/// <summary>A webhook response together with the correlation id the gateway gave the request.</summary>
internal sealed record AlarmPosted(AlertIntakeResponse Response, string? CorrelationId);
