using Surge.Capacity.Alerts;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;
using static Surge.Capacity.Tests.Alerts.AlertFixture;

namespace Surge.Capacity.Tests.Alerts;

public sealed class AlertNotificationValidatorTests
{
    private static readonly Alert Valid = Firing(("alertname", "FeedApiHighTraffic"), ("service", "feed-api"));

    private static RequestValidationException Reject(AlertNotification? notification) =>
        Assert.Throws<RequestValidationException>(() => AlertNotificationValidator.Validate(notification));

    [Fact]
    public void Validate_ValidNotification_DoesNotThrow()
    {
        AlertNotificationValidator.Validate(new AlertNotification("alertmanager", "webhook", [Valid, Valid with { Status = "resolved" }]));
    }

    [Fact]
    public void Validate_NullNotification_RejectsBody()
    {
        var error = Reject(null);

        Assert.Equal(["body"], error.Errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_MissingSource_RejectsSource(string? source)
    {
        var error = Reject(new AlertNotification(source!, null, [Valid]));

        Assert.Equal(["source"], error.Errors.Keys);
    }

    [Fact]
    public void Validate_NoAlerts_RejectsAlerts()
    {
        Assert.Equal(["alerts"], Reject(new AlertNotification("alertmanager", null, [])).Errors.Keys);
        Assert.Equal(["alerts"], Reject(new AlertNotification("alertmanager", null, null!)).Errors.Keys);
    }

    [Fact]
    public void Validate_NullAlert_RejectsThatAlert()
    {
        var error = Reject(new AlertNotification("alertmanager", null, [Valid, null!]));

        Assert.Equal(["alerts[1]"], error.Errors.Keys);
    }

    [Fact]
    public void Validate_BadAlertFields_RejectsEachField()
    {
        var broken = new Alert("pending", " ", default, new Dictionary<string, string>(), new Dictionary<string, string>());

        var error = Reject(new AlertNotification("alertmanager", null, [Valid, broken]));

        Assert.Equal(
            ["alerts[1].fingerprint", "alerts[1].labels", "alerts[1].startsAt", "alerts[1].status"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'pending'", error.Errors["alerts[1].status"][0]);
    }

    [Fact]
    public void Validate_NullLabels_RejectsLabels()
    {
        var error = Reject(new AlertNotification("alertmanager", null, [Valid with { Labels = null! }]));

        Assert.Equal(["alerts[0].labels"], error.Errors.Keys);
    }
}
