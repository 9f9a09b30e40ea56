using Surge.Capacity.Alerts;

namespace Surge.Capacity.Tests.Alerts;

public sealed class IncidentKeyTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 1, 11, 58, 30, TimeSpan.Zero);

    [Fact]
    public void SagaId_SameIncident_SameId()
    {
        var first = IncidentKey.SagaId("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", StartsAt);
        var again = IncidentKey.SagaId("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", StartsAt);

        Assert.Equal(first, again);
    }

    [Fact]
    public void SagaId_SameInstantOtherOffset_SameId()
    {
        var utc = IncidentKey.SagaId("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", StartsAt);
        var shifted = IncidentKey.SagaId("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", StartsAt.ToOffset(TimeSpan.FromHours(2)));

        Assert.Equal(utc, shifted);
    }

    [Theory]
    [InlineData("grafana", "feed-api-traffic", "fbab788ec4c1018b", 0)]
    [InlineData("alertmanager", "feed-api-latency", "fbab788ec4c1018b", 0)]
    [InlineData("alertmanager", "feed-api-traffic", "fbab788ec4c1018c", 0)]
    [InlineData("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", 1)]
    public void SagaId_OneInputDiffers_DifferentId(string source, string policy, string fingerprint, long extraTicks)
    {
        var baseline = IncidentKey.SagaId("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", StartsAt);

        var other = IncidentKey.SagaId(source, policy, fingerprint, StartsAt.AddTicks(extraTicks));

        Assert.NotEqual(baseline, other);
    }

    [Fact]
    public void SagaId_Always_IsVersion8WithRfcVariant()
    {
        var id = IncidentKey.SagaId("alertmanager", "feed-api-traffic", "fbab788ec4c1018b", StartsAt);

        var text = id.ToString("D");
        Assert.Equal('8', text[14]);
        Assert.Contains(text[19], "89ab");
        Assert.Equal(8, id.Version);
    }
}
