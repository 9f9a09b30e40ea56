using System.Text.Json;
using Surge.Rollout.Api;
using Surge.Rollout.Saga;
using Surge.ServiceDefaults.Problems;

namespace Surge.Rollout.Tests;

public sealed class RequestValidatorTests
{
    private static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(60);

    [Fact]
    public void Validate_Defaults_DrainedInPlaceOneAtATime()
    {
        var spec = RolloutRequestValidator.Validate(new RolloutRequest("feed-api", "registry.local/feed-api:1.1.0"), DefaultDrain);

        Assert.Equal(new RolloutSpec(RolloutStrategy.DrainedInPlace, 1, null, null, TimeSpan.Zero, new HealthGate(null, null, TimeSpan.FromSeconds(30)), 1, DefaultDrain), spec);
    }

    [Theory]
    [InlineData("3", 3, null)]
    [InlineData("\"3\"", 3, null)]
    [InlineData("\"25%\"", null, 25)]
    public void Validate_BatchSize_CountOrPercent(string json, int? count, int? percent)
    {
        var spec = RolloutRequestValidator.Validate(new RolloutRequest("feed-api", "img:1", "in-place", JsonDocument.Parse(json).RootElement), DefaultDrain);

        Assert.Equal(count, spec.BatchCount);
        Assert.Equal(percent, spec.BatchPercent);
    }

    [Theory]
    [InlineData("0", "batchSize")]
    [InlineData("\"150%\"", "batchSize")]
    [InlineData("\"three\"", "batchSize")]
    [InlineData("true", "batchSize")]
    public void Validate_BadBatchSize_NamesTheField(string json, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() =>
            RolloutRequestValidator.Validate(new RolloutRequest("feed-api", "img:1", null, JsonDocument.Parse(json).RootElement), DefaultDrain));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Validate_EveryBadField_IsListed()
    {
        var request = new RolloutRequest(" ", null, "blue-green", null, 0, TimeSpan.FromSeconds(-1),
            new HealthGateRequest("healthz", 2, TimeSpan.Zero), 0, TimeSpan.Zero);

        var error = Assert.Throws<RequestValidationException>(() => RolloutRequestValidator.Validate(request, DefaultDrain));

        Assert.Equal(
            ["service", "image", "strategy", "maxUnavailable", "pauseBetweenBatches", "healthGate.httpPath", "healthGate.maxErrorRate", "healthGate.window", "failureThreshold", "drainTimeout"],
            error.Errors.Keys);
        Assert.Contains("'in-place', 'drained-in-place' or 'recreate'", error.Errors["strategy"][0]);
    }

    [Theory]
    [InlineData("Feed-API")]
    [InlineData("feed-api ")]
    [InlineData("no such svc/../x")]
    [InlineData("-feed")]
    public void Validate_NotAServiceName_NamesTheField(string service)
    {
        var error = Assert.Throws<RequestValidationException>(() => RolloutRequestValidator.Validate(new RolloutRequest(service, "img:1"), DefaultDrain));

        Assert.Equal(["service"], error.Errors.Keys);
        Assert.Contains("lower-case letters", error.Errors["service"][0]);
    }

    [Fact]
    public void Validate_OverlongImageAndRequester_NameBothFields()
    {
        var request = new RolloutRequest("feed-api", "registry.local/" + new string('a', 600), RequestedBy: new string('b', 201));

        var error = Assert.Throws<RequestValidationException>(() => RolloutRequestValidator.Validate(request, DefaultDrain));

        Assert.Equal(["image", "requestedBy"], error.Errors.Keys);
    }

    [Fact]
    public void Validate_PauseOverADay_SuggestsOneDay()
    {
        var request = new RolloutRequest("feed-api", "img:1", PauseBetweenBatches: TimeSpan.FromHours(25));

        var error = Assert.Throws<RequestValidationException>(() => RolloutRequestValidator.Validate(request, DefaultDrain));

        Assert.Contains("1.00:00:00", error.Errors["pauseBetweenBatches"][0]);
    }
}
