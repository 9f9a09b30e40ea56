namespace Surge.Contracts;

/// <summary>Names of the transport headers that every Surge message carries.</summary>
public static class SurgeHeaders
{
    /// <summary>The correlation id assigned at the gateway, shared by every message, event and log line of one request.</summary>
    public const string CorrelationId = "Surge-Correlation-Id";

    /// <summary>The id of the message whose handling produced this message.</summary>
    public const string CausationId = "Surge-Causation-Id";
}
