using Surge.Contracts.Alerts;

namespace Surge.Capacity.Incidents;

/// <summary>One alert of a notification, matched by a policy, as the incident decider takes it.</summary>
/// <param name="StabilisationWindow">How long the policy waits after a resolve before scale-in.</param>
public sealed record AlertReceived(string Source, string Policy, string Service, Alert Alert, TimeSpan StabilisationWindow, DateTimeOffset Now)
{
    /// <summary>Whether the alert fires rather than resolves.</summary>
    public bool Firing => Alert.Status != "resolved";
}
