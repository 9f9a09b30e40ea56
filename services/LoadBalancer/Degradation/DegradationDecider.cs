using Surge.Contracts.Degradation;

namespace Surge.LoadBalancer.Degradation;

/// <summary>Decides which events a <see cref="SwitchDegradation"/> adds to a service's degradation stream.</summary>
public static class DegradationDecider
{
    /// <summary>
    /// Returns the saga's "on" unless it already holds the switch or already released it; an "on" delivered after the
    /// saga's "off" must not degrade the service again with nobody left to switch it off. Returns the saga's "off"
    /// unless it was already recorded, also for a saga that never held the switch, for the same reason. Routes that do
    /// not start with '/' are dropped, since no request path can match them.
    /// </summary>
    public static IReadOnlyList<object> Decide(DegradationSwitch state, SwitchDegradation command)
    {
        if (state.Released.Contains(command.SagaId))
        {
            return [];
        }

        if (!command.On)
        {
            return [new DegradationSwitchedOff(command.SagaId, command.Reason, state.Holders.ContainsKey(command.SagaId))];
        }

        if (state.Holders.ContainsKey(command.SagaId))
        {
            return [];
        }

        var routes = command.NonCriticalRoutes
            .Where(route => route.PathPrefix.StartsWith('/'))
            .Select(route => route with { Methods = [.. (route.Methods ?? []).Select(method => method.ToUpperInvariant()).Distinct()] })
            .ToList();
        var retryAfter = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(command.RetryAfter.TotalSeconds), 1, RetryAfterLimit.TotalSeconds));
        return [new DegradationSwitchedOn(command.SagaId, routes, retryAfter, command.Reason)];
    }

    /// <summary>The longest <c>Retry-After</c> accepted; a longer one is shortened to it.</summary>
    public static readonly TimeSpan RetryAfterLimit = TimeSpan.FromHours(1);
}
