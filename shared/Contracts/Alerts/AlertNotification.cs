namespace Surge.Contracts.Alerts;

/// <summary>A webhook notification from an alarm system, normalised by the gateway before Capacity matches it.</summary>
/// <param name="Source">The alarm system that sent it, such as <c>alertmanager</c>.</param>
/// <param name="Receiver">The receiver or contact point name the source reported.</param>
/// <param name="Alerts">The alerts the notification carries, firing and resolved.</param>
public sealed record AlertNotification(string Source, string? Receiver, IReadOnlyList<Alert> Alerts);

/// <summary>One alert of a notification.</summary>
/// <param name="Status"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="Fingerprint">A stable identity of the alert's label set, recomputed by the gateway when the source omits it.</param>
/// <param name="StartsAt">When the alert started firing; with the fingerprint it identifies one incident.</param>
/// <param name="Labels">The alert's labels.</param>
/// <param name="Annotations">The alert's annotations.</param>
/// <param name="Dimensions">
/// The dimensions a cloud alarm reported for the resource, such as CloudWatch's <c>InstanceId</c> or CloudMonitor's
/// <c>instanceId</c>, as the source spelled them; null for sources without dimensions. The gateway also copies them
/// into <paramref name="Labels"/>, so a policy can select them either way.
/// </param>
public sealed record Alert(
    string Status,
    string Fingerprint,
    DateTimeOffset StartsAt,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyDictionary<string, string>? Dimensions = null);
