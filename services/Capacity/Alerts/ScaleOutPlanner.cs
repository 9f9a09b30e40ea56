using Surge.Capacity.ScaleOut;
using Surge.Contracts.Alerts;
using Surge.Contracts.Instances;

namespace Surge.Capacity.Alerts;

/// <summary>The first events of a saga an alert starts: how many instances to add, capped at the maximum, or why none.</summary>
public sealed record ScaleOutPlan(IReadOnlyList<object> Events, int Count, bool Declined, string Detail);

/// <summary>Decides how far a matched alert scales its service. Pure, so the cap arithmetic is unit tested.</summary>
public static class ScaleOutPlanner
{
    /// <summary>Plans the saga for an alert matched by a policy when the service has <paramref name="currentInstances"/> instances.</summary>
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
        var wanted = policy.Spec.ScaleOut!.By;
        var count = Math.Max(0, Math.Min(wanted, maximum - currentInstances));

        alert.Labels.TryGetValue("alertname", out var alertName);
        var shape = new InstanceShape(service.Spec.Shape!.CpuMillicores, service.Spec.Shape.MemoryMiB, service.ImageForNewInstances);
        var trigger = new ScaleOutTrigger(source, policy.Name, alertName, alert.Fingerprint, alert.StartsAt);
        var requested = new ScaleOutRequested(sagaId, service.Name, service.Spec.Pool, count == 0 ? wanted : count, shape, trigger, now);

        if (InCooldownUntil(policy, lastScaleOutAt) is { } until && until > now)
        {
            var reason = $"Policy {policy.Name} is in its cooldown of {policy.Spec.Cooldown} until {until:u}: its last scale-out started at {lastScaleOutAt:u}; nothing was scaled.";
            return new ScaleOutPlan([requested, new ScaleOutDeclined(reason, now)], 0, true, reason);
        }

        if (count == 0)
        {
            var reason = $"{service.Name} already has {currentInstances} instances, at or above the maximum of {maximum}; nothing was scaled.";
            return new ScaleOutPlan([requested, new ScaleOutDeclined(reason, now)], 0, true, reason);
        }

        var detail = count < wanted
            ? $"Scaling {service.Name} out by {count} instead of {wanted}: the maximum is {maximum} and it has {currentInstances}."
            : $"Scaling {service.Name} out by {count}.";
        return new ScaleOutPlan([requested], count, false, detail);
    }

    private static DateTimeOffset? InCooldownUntil(AlertPolicies.AlertPolicyView policy, DateTimeOffset? lastScaleOutAt) =>
        lastScaleOutAt is not null && AlertPolicies.Durations.TryParse(policy.Spec.Cooldown, out var cooldown)
            ? lastScaleOutAt.Value + cooldown
            : null;
}
