namespace Surge.Cli.Alerts;

/// <summary>The firing alert to send: which alert rule fired, for which service, and since when.</summary>
internal sealed record AlarmRequest(string AlertName, string Service, DateTimeOffset StartsAt)
{
    /// <summary>The alert rule name used when <c>--alertname</c> is not given; the demo fleet's alert policy matches it.</summary>
    public const string DefaultAlertName = "FeedApiHighTraffic";
}
