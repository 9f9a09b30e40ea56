using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Alerts;
using static Surge.Capacity.Tests.Alerts.AlertFixture;

namespace Surge.Capacity.Tests.Alerts;

public sealed class AlertTriageTests
{
    private static readonly AlertPolicyView[] NoPolicies = [];

    [Fact]
    public void Of_ResolvedAlert_IsMatchedSoItsIncidentCanResolve()
    {
        var alert = Alert("resolved", ("alertname", "FeedApiHighTraffic"), ("service", "feed-api"));

        var triage = AlertTriage.Of(alert, 0, [Policy("feed-api-traffic")], Services(Service()));

        var matched = Assert.IsType<AlertTriage.Matched>(triage);
        Assert.Equal("feed-api-traffic", matched.Policy.Name);
    }

    [Fact]
    public void Of_ResolvedAlertOfUndeclaredService_IsIgnored()
    {
        var alert = Alert("resolved", ("alertname", "Unknown"), ("service", "no-such-api"));

        var triage = AlertTriage.Of(alert, 0, [Policy("feed-api-traffic")], Services(Service()));

        var ignored = Assert.IsType<AlertTriage.Ignored>(triage);
        Assert.Null(ignored.Service);
    }

    [Fact]
    public void Of_CloudDimensionsAsLabels_MatchedByDimensions()
    {
        var alert = Firing(("alertname", "CPUUtilization"), ("InstanceId", "i-0abc"), ("Region", "cn-hangzhou"));
        var policy = Policy("feed-api-cpu") with
        {
            Spec = Policy("feed-api-cpu").Spec with { Match = null, Dimensions = new Dictionary<string, string> { ["InstanceId"] = "i-0abc" } },
        };

        var triage = AlertTriage.Of(alert, 0, [policy], Services(Service()));

        Assert.Equal("feed-api-cpu", Assert.IsType<AlertTriage.Matched>(triage).Policy.Name);
    }

    [Fact]
    public void Of_SeveralPoliciesSelect_FirstByNameMatches()
    {
        var alert = Firing(("alertname", "FeedApiHighTraffic"), ("service", "feed-api"));
        AlertPolicyView[] policies = [Policy("zz-traffic", by: 9), Policy("aa-traffic", by: 2), Policy("mm-traffic", by: 5)];

        var triage = AlertTriage.Of(alert, 0, policies, Services(Service()));

        var matched = Assert.IsType<AlertTriage.Matched>(triage);
        Assert.Equal("aa-traffic", matched.Policy.Name);
        Assert.Equal("feed-api", matched.Service.Name);
    }

    [Fact]
    public void Of_FirstPolicyByNameDoesNotSelect_NextSelectingPolicyMatches()
    {
        var alert = Firing(("alertname", "FeedApiHighTraffic"));
        AlertPolicyView[] policies =
        [
            Policy("aa-latency", match: [("alertname", "FeedApiSlow")]),
            Policy("bb-traffic", match: [("alertname", "FeedApiHighTraffic")]),
        ];

        var triage = AlertTriage.Of(alert, 0, policies, Services(Service()));

        Assert.Equal("bb-traffic", Assert.IsType<AlertTriage.Matched>(triage).Policy.Name);
    }

    [Fact]
    public void Of_UnknownServiceLabel_IsInvalidOnServiceLabel()
    {
        var alert = Firing(("alertname", "CartSlow"), ("service", "cart-api"));

        var triage = AlertTriage.Of(alert, 2, [Policy("feed-api-traffic")], Services(Service()));

        var invalid = Assert.IsType<AlertTriage.Invalid>(triage);
        Assert.Equal("alerts[2].labels.service", invalid.Field);
        Assert.Contains("'cart-api' is not declared", invalid.Error);
    }

    [Fact]
    public void Of_NoPolicyAndNoServiceLabel_IsInvalidOnLabels()
    {
        var alert = Firing(("alertname", "DiskFull"));

        var triage = AlertTriage.Of(alert, 1, NoPolicies, Services(Service()));

        var invalid = Assert.IsType<AlertTriage.Invalid>(triage);
        Assert.Equal("alerts[1].labels", invalid.Field);
        Assert.Contains("'DiskFull'", invalid.Error);
        Assert.Contains("no 'service' label", invalid.Error);
    }

    [Fact]
    public void Of_KnownServiceWithoutPolicy_IsIgnored()
    {
        var alert = Firing(("alertname", "FeedApiDiskFull"), ("service", "feed-api"));

        var triage = AlertTriage.Of(alert, 0, [Policy("feed-api-traffic")], Services(Service()));

        var ignored = Assert.IsType<AlertTriage.Ignored>(triage);
        Assert.Contains("No AlertPolicy selects this alert for service feed-api", ignored.Reason);
    }

    [Fact]
    public void Of_PolicyNeedsLabelAlertLacks_DoesNotMatch()
    {
        var alert = Firing(("alertname", "FeedApiHighTraffic"), ("service", "feed-api"));
        var policy = Policy("feed-api-traffic", match: [("alertname", "FeedApiHighTraffic"), ("severity", "page")]);

        var triage = AlertTriage.Of(alert, 0, [policy], Services(Service()));

        Assert.IsType<AlertTriage.Ignored>(triage);
    }

    [Fact]
    public void Of_PolicyOfUndeclaredService_FallsBackToServiceLabel()
    {
        var alert = Firing(("alertname", "FeedApiHighTraffic"));

        var triage = AlertTriage.Of(alert, 0, [Policy("feed-api-traffic", service: "gone-api")], Services(Service()));

        Assert.Equal("alerts[0].labels", Assert.IsType<AlertTriage.Invalid>(triage).Field);
    }
}
