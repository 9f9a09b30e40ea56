using Surge.Contracts.Degradation;
using Surge.LoadBalancer.Degradation;

namespace Surge.LoadBalancer.Tests.Degradation;

public class DegradationDeciderTests
{
    private static readonly Guid SagaId = Guid.Parse("0197b000-0000-7000-8000-000000000001");
    private static readonly Guid OtherSaga = Guid.Parse("0197b000-0000-7000-8000-000000000002");
    private static readonly NonCriticalRoute Recommendations = new("/api/recommendations", []);

    private static DegradationSwitch Given(params object[] events) => events.Aggregate(DegradationSwitch.Off, DegradationSwitch.Evolve);

    private static SwitchDegradation On(Guid sagaId, params NonCriticalRoute[] routes) =>
        new(sagaId, "feed", true, routes.Length == 0 ? [Recommendations] : routes, TimeSpan.FromSeconds(30), "scaling");

    private static SwitchDegradation Off(Guid sagaId) => new(sagaId, "feed", false, [], TimeSpan.Zero, "done");

    [Fact]
    public void Decide_On_SwitchesOnWithRoutesAndRetryAfter()
    {
        var events = DegradationDecider.Decide(Given(), On(SagaId));

        var on = Assert.IsType<DegradationSwitchedOn>(Assert.Single(events));
        Assert.Equal(SagaId, on.SagaId);
        Assert.Equal("/api/recommendations", Assert.Single(on.NonCriticalRoutes).PathPrefix);
        Assert.Equal(TimeSpan.FromSeconds(30), on.RetryAfter);
        Assert.True(Given(on).IsOn);
    }

    [Fact]
    public void Decide_OnTwice_AddsNothing()
    {
        var state = Given([.. DegradationDecider.Decide(Given(), On(SagaId))]);

        Assert.Empty(DegradationDecider.Decide(state, On(SagaId)));
    }

    [Fact]
    public void Decide_OffAfterOn_SwitchesOff()
    {
        var state = Given([.. DegradationDecider.Decide(Given(), On(SagaId))]);

        var events = DegradationDecider.Decide(state, Off(SagaId));

        var off = Assert.IsType<DegradationSwitchedOff>(Assert.Single(events));
        Assert.True(off.WasOn);
        Assert.False(Given([.. DegradationDecider.Decide(Given(), On(SagaId)), .. events]).IsOn);
    }

    [Fact]
    public void Decide_OffTwice_AddsNothing()
    {
        var state = Given(new DegradationSwitchedOff(SagaId, "done"));

        Assert.Empty(DegradationDecider.Decide(state, Off(SagaId)));
    }

    [Fact]
    public void Decide_OnAfterOff_IsIgnored()
    {
        var state = Given([.. DegradationDecider.Decide(Given(), Off(SagaId))]);

        Assert.Empty(DegradationDecider.Decide(state, On(SagaId)));
        Assert.False(state.IsOn);
    }

    [Fact]
    public void Decide_OffWithoutOn_RecordsRelease()
    {
        var events = DegradationDecider.Decide(Given(), Off(SagaId));

        var off = Assert.IsType<DegradationSwitchedOff>(Assert.Single(events));
        Assert.False(off.WasOn);
    }

    [Fact]
    public void Decide_TwoSagas_StaysOnUntilBothOff()
    {
        var state = Given(
            new DegradationSwitchedOn(SagaId, [Recommendations], TimeSpan.FromSeconds(30), "a"),
            new DegradationSwitchedOn(OtherSaga, [Recommendations], TimeSpan.FromSeconds(60), "b"));

        state = Given([.. state.Holders.Values, .. DegradationDecider.Decide(state, Off(SagaId))]);

        Assert.True(state.IsOn);
        Assert.Equal([OtherSaga], state.Holders.Keys);
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(30, 30)]
    [InlineData(7200, 3600)]
    public void Decide_RetryAfter_WholeSecondsWithinLimit(double seconds, int expected)
    {
        var command = On(SagaId) with { RetryAfter = TimeSpan.FromSeconds(seconds) };

        var on = Assert.IsType<DegradationSwitchedOn>(Assert.Single(DegradationDecider.Decide(Given(), command)));

        Assert.Equal(TimeSpan.FromSeconds(expected), on.RetryAfter);
    }

    [Fact]
    public void Decide_RouteWithoutSlash_IsDropped_MethodsUppercased()
    {
        var command = On(SagaId, new NonCriticalRoute("api/x", []), new NonCriticalRoute("/api/feed/extras", ["get", "GET"]));

        var on = Assert.IsType<DegradationSwitchedOn>(Assert.Single(DegradationDecider.Decide(Given(), command)));

        var route = Assert.Single(on.NonCriticalRoutes);
        Assert.Equal(["GET"], route.Methods);
    }
}
