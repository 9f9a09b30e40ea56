using Surge.Contracts.Backends;

namespace Surge.LoadBalancer.Pools;

/// <summary>Decides which membership, weight and drain events a registration, deregistration, weight change or drain causes in one service's pool.</summary>
public static class BackendPoolDecider
{
    /// <summary>
    /// Returns the events that make every requested backend a member at its endpoint. A member already at that endpoint
    /// causes no event, so a redelivered request appends nothing. A member at another endpoint is removed and added again.
    /// </summary>
    /// <remarks>
    /// The command must have passed <see cref="Registration.BackendRegistrationRules"/> first.
    /// NOTE: a draining member at the same endpoint causes no event, so it stays out of rotation and its drain goes on.
    /// Registering it again after its drain finished adds it back.
    /// </remarks>
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

    /// <summary>
    /// Returns the events that take the requested members out of rotation until the request time plus the drain timeout,
    /// which is first held between 0 and <see cref="DrainTimeoutLimits.Max"/>. The saga's drain records every requested
    /// instance, members or not, because the reply lists them all. It returns no event when none of the instances is a
    /// member and the saga has no drain, because there is nothing to wait for. It also returns none when the saga's
    /// pending drain already covers them all, so a redelivered request changes nothing.
    /// </summary>
    public static IReadOnlyList<object> Decide(BackendPool state, DrainBackends command, DateTimeOffset now)
    {
        var requested = command.InstanceIds.Distinct().ToArray();
        var until = now + DrainTimeoutLimits.Clamp(command.DrainTimeout);

        if (!state.Drains.TryGetValue(command.SagaId, out var pending))
        {
            return requested.Any(state.Endpoints.ContainsKey) ? [new DrainStarted(command.SagaId, requested, until)] : [];
        }

        var added = requested.Except(pending.InstanceIds).ToArray();
        return added.Length == 0 ? [] : [new DrainStarted(command.SagaId, added, until)];
    }

    /// <summary>
    /// Returns a removal for each instance of the saga's drain that is still a member, then the end of the drain. A saga
    /// without a pending drain causes no event, so a second finish of the same drain changes nothing.
    /// </summary>
    public static IReadOnlyList<object> Decide(BackendPool state, FinishDrain command)
    {
        if (!state.Drains.TryGetValue(command.SagaId, out var drain))
        {
            return [];
        }

        if (drain.KeepMembers)
        {
            return [new DrainFinished(command.SagaId, command.DeadlinePassed)];
        }

        var reason = command.DeadlinePassed
            ? $"Drain for saga {command.SagaId} reached its deadline {drain.Until:O}; requests still in flight were not waited for."
            : $"Drained for saga {command.SagaId}: no requests were in flight.";
        return
        [
            .. drain.InstanceIds.Where(state.Endpoints.ContainsKey).Select(instanceId => new BackendRemoved(instanceId, reason)),
            new DrainFinished(command.SagaId, command.DeadlinePassed),
        ];
    }

    /// <summary>
    /// Returns a weight change for each requested member whose weight differs from the command's, which is first held
    /// between 0 and <see cref="BackendWeightLimits.Max"/>; instances that are not members cause none, and membership never
    /// changes. For weight 0 it also starts a drain that keeps the members, so the reply waits until their requests in
    /// flight finished or the drain timeout passed; as with <see cref="Decide(BackendPool, DrainBackends, DateTimeOffset)"/>,
    /// a redelivered request whose instances the saga's pending drain covers already starts none.
    /// </summary>
    /// <remarks>
    /// NOTE: a weight above 0 does not end a pending drain of the same saga, so a member it covers stays out of rotation
    /// until that drain ends, at the latest at its deadline.
    /// </remarks>
    public static IReadOnlyList<object> Decide(BackendPool state, SetBackendWeights command, DateTimeOffset now)
    {
        var weight = BackendWeightLimits.Clamp(command.Weight);
        var requested = command.InstanceIds.Distinct().ToArray();
        var events = requested
            .Where(instanceId => state.WeightOf(instanceId) is { } current && current != weight)
            .Select(instanceId => (object)new BackendWeightChanged(instanceId, weight, command.SagaId))
            .ToList();
        if (weight > 0)
        {
            return events;
        }

        var until = now + DrainTimeoutLimits.Clamp(command.DrainTimeout);
        if (!state.Drains.TryGetValue(command.SagaId, out var pending))
        {
            if (requested.Any(state.Endpoints.ContainsKey))
            {
                events.Add(new DrainStarted(command.SagaId, requested, until, KeepMembers: true));
            }

            return events;
        }

        var added = requested.Except(pending.InstanceIds).ToArray();
        if (added.Length > 0)
        {
            events.Add(new DrainStarted(command.SagaId, added, until, KeepMembers: true));
        }

        return events;
    }
}
