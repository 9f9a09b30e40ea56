using Surge.Contracts.Backends;

namespace Surge.LoadBalancer.Pools;

/// <summary>Decides which membership events a registration or deregistration causes in one service's pool.</summary>
public static class BackendPoolDecider
{
    /// <summary>
    /// Returns the events that make every requested backend a member at its endpoint. A member already at that endpoint
    /// causes no event, so a redelivered request appends nothing. A member at another endpoint is removed and added again.
    /// </summary>
    /// <remarks>The command must have passed <see cref="Registration.BackendRegistrationRules"/> first.</remarks>
    public static IReadOnlyList<object> Decide(BackendPool state, RegisterBackends command)
    {
        var events = new List<object>();
        foreach (var backend in command.Backends.DistinctBy(backend => backend.InstanceId))
        {
            if (state.Endpoints.TryGetValue(backend.InstanceId, out var current))
            {
                if (current == backend.Endpoint)
                {
                    continue;
                }

                events.Add(new BackendRemoved(backend.InstanceId, $"Endpoint changed from {current} to {backend.Endpoint}."));
            }

            events.Add(new BackendAdded(backend.InstanceId, backend.Endpoint, command.SagaId));
        }

        return events;
    }

    /// <summary>Returns a removal for each requested instance that is a member. Instances that are not members cause no event.</summary>
    public static IReadOnlyList<object> Decide(BackendPool state, DeregisterBackends command) =>
        command.InstanceIds
            .Distinct()
            .Where(state.Endpoints.ContainsKey)
            .Select(instanceId => (object)new BackendRemoved(instanceId, command.Reason))
            .ToArray();
}
