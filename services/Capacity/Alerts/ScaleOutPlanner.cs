using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Incidents;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Alerts;
using Surge.Contracts.Instances;

namespace Surge.Capacity.Alerts;

/// <summary>The first events of a saga an alert starts: how many instances to add, capped at the maximum, or why none.</summary>
/// <param name="Events">The saga's first events: <see cref="ScaleOutRequested"/>, then <see cref="ScaleOutDeclined"/> when declined.</param>
/// <param name="Count">The instances the saga adds; zero when declined.</param>
/// <param name="Wanted">The instances the policy's action requests at <paramref name="CurrentInstances"/>.</param>
/// <param name="Maximum">The lower of the policy's and the service's maximum.</param>
/// <param name="CooldownUntil">The end of the policy's cooldown when it declined the saga; null otherwise.</param>
/// <param name="LastScaleOutAt">When the policy last started a scale-out; null when it never did.</param>
/// <param name="Degrade">What the scale-out requests from the load balancer while it runs, from the policy; null when nothing.</param>
public sealed record ScaleOutPlan(
    IReadOnlyList<object> Events,
    int Count,
    bool Declined,
    string Detail,
    int Wanted = 0,
    int CurrentInstances = 0,
    int Maximum = 0,
    DateTimeOffset? CooldownUntil = null,
    DateTimeOffset? LastScaleOutAt = null,
    DegradeRequest? Degrade = null)
{
    /// <summary>The saga's first event.</summary>
    public ScaleOutRequested Requested => (ScaleOutRequested)Events[0];
}

/// <summary>Decides how far a matched alert scales its service. Pure, so the cap arithmetic is unit tested.</summary>
public static class ScaleOutPlanner
{
    /// <summary>
    /// Plans the saga for an alert matched by a policy when the service has <paramref name="currentInstances"/> instances.
    /// This is the one place an alarm-driven scale-out request is built; it carries the degradation the policy requests
    /// (<see cref="ScaleOutPlan.Degrade"/>) when the service declares non-critical routes.
    /// </summary>
    /// <param name="lastScaleOutAt">When the policy last started a scale-out, for its cooldown; null when it never did.</param>
    public static ScaleOutPlan Plan(
        Guid sagaId,
        string source,
        Alert alert,
        AlertTriage.Matched matched,
        int currentInstances,
        DateTimeOffset now,
        DateTimeOffset? lastScaleOutAt = null)
    {
        var service = matched.Service;
        var policy = matched.Policy;
        var maximum = Math.Min(policy.Spec.MaxInstances ?? service.Spec.MaxInstances, service.Spec.MaxInstances);
        var wanted = policy.Spec.ScaleOut!.InstancesFor(currentInstances);
        var count = Math.Max(0, Math.Min(wanted, maximum - currentInstances));
        var degrade = DegradeRequest.From(policy.Spec.Degrade);

        alert.Labels.TryGetValue("alertname", out var alertName);
        var shape = new InstanceShape(service.Spec.Shape!.CpuMillicores, service.Spec.Shape.MemoryMiB, service.ImageForNewInstances);
        var trigger = new ScaleOutTrigger(source, policy.Name, alertName, alert.Fingerprint, alert.StartsAt);
        var degradation = degrade is null ? null : ScaleOutDegradation.For(new DegradeWhileScaling(degrade.WhileScaling, degrade.MaxTimeToCapacity), service.Spec);
        var requested = new ScaleOutRequested(sagaId, service.Name, service.Spec.Pool, count == 0 ? wanted : count, shape, trigger, now,
            Degradation: degradation);
        var plan = new ScaleOutPlan([requested], count, false, "", wanted, currentInstances, maximum, null, lastScaleOutAt, degrade);

        if (InCooldownUntil(policy, lastScaleOutAt) is { } until && until > now)
        {
            var reason = $"Policy {policy.Name} is in its cooldown of {policy.Spec.Cooldown} until {until:u}: its last scale-out started at {lastScaleOutAt:u}; nothing was scaled.";
            return plan with { Events = [requested, new ScaleOutDeclined(reason, now)], Count = 0, Declined = true, Detail = reason, CooldownUntil = until };
        }

        if (count == 0)
        {
            var reason = $"{service.Name} already has {currentInstances} instances, at or above the maximum of {maximum}; nothing was scaled.";
            return plan with { Events = [requested, new ScaleOutDeclined(reason, now)], Declined = true, Detail = reason };
        }

        var detail = count < wanted
            ? $"Scaling {service.Name} out by {count} instead of {wanted}: the maximum is {maximum} and it has {currentInstances}."
            : $"Scaling {service.Name} out by {count}.";
        return plan with { Detail = detail };
    }

    // A policy without a cooldown never declines. Concurrent notifications can commit in another order than their
    // clocks read, so the last scale-out may carry a later time than this decision's "now".
    private static DateTimeOffset? InCooldownUntil(AlertPolicyView policy, DateTimeOffset? lastScaleOutAt) =>
        lastScaleOutAt is not null && Durations.TryParse(policy.Spec.Cooldown, out var cooldown) && cooldown > TimeSpan.Zero
            ? lastScaleOutAt.Value + cooldown
            : null;
}
