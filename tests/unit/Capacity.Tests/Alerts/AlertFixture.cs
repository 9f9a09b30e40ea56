using Surge.Capacity.AlertPolicies;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Alerts;

namespace Surge.Capacity.Tests.Alerts;

/// <summary>Builds alerts, policies and services for the alert tests.</summary>
internal static class AlertFixture
{
    public static readonly DateTimeOffset StartsAt = new(2026, 3, 1, 11, 58, 30, TimeSpan.Zero);

    public static Alert Firing(params (string Name, string Value)[] labels) => Alert("firing", labels);

    public static Alert Alert(string status, params (string Name, string Value)[] labels) => new(
        status,
        "fbab788ec4c1018b",
        StartsAt,
        labels.ToDictionary(label => label.Name, label => label.Value),
        new Dictionary<string, string>());

    public static ServiceView Service(string name = "feed-api", int maxInstances = 12) =>
        new(ServiceView.StreamKey(name), name, new ServiceSpec("feed-pool", $"registry.local/{name}:1.0.0", new InstanceShapeSpec(500, 512), 0, maxInstances));

    public static AlertPolicyView Policy(string name, string service = "feed-api", int by = 3, int? maxInstances = null, (string Name, string Value)[]? match = null) =>
        new(AlertPolicyView.StreamKey(name), name, new AlertPolicySpec(
            service,
            match is null ? new Dictionary<string, string> { ["alertname"] = "FeedApiHighTraffic" } : match.ToDictionary(m => m.Name, m => m.Value),
            new ScaleOutAction(by),
            maxInstances,
            "5m"));

    public static Dictionary<string, ServiceView> Services(params ServiceView[] services) => services.ToDictionary(service => service.Name);
}
