using Surge.Contracts.Alerts;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// What a source's body requests of Surge: alerts to hand to Capacity, and alerts the gateway itself ignores with a reason
/// (such as a CloudWatch alarm entering INSUFFICIENT_DATA), which are answered without calling Capacity.
/// </summary>
/// <param name="Notification">The alerts to forward, or null when every alert was ignored.</param>
/// <param name="Ignored">The outcomes of the alerts the gateway ignored.</param>
/// <param name="TruncatedAlerts">How many alerts the sender dropped from the body because of its own limit.</param>
/// <param name="Note">What the sender said about why it sent the body, for the log.</param>
/// <param name="SentAt">When the sender says it sent the body, where the body says so, to refuse replays.</param>
public sealed record ParsedWebhook(AlertNotification? Notification, IReadOnlyList<AlertOutcome> Ignored, long TruncatedAlerts = 0, string? Note = null, DateTimeOffset? SentAt = null)
{
    /// <summary>A body whose alerts all go to Capacity.</summary>
    public static ParsedWebhook Forward(AlertNotification notification, long truncatedAlerts = 0, string? note = null) =>
        new(notification, [], truncatedAlerts, note);

    /// <summary>A body the gateway responds to itself, because nothing in it needs a decision.</summary>
    public static ParsedWebhook Ignore(string fingerprint, string reason) =>
        new(null, [new AlertOutcome(fingerprint, AlertOutcomes.Ignored, null, reason)]);
}
