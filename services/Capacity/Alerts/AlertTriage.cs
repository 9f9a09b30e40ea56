using Surge.Capacity.AlertPolicies;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Alerts;

namespace Surge.Capacity.Alerts;

/// <summary>What one alert asks for before the fleet's current state is considered.</summary>
public abstract record AlertTriage
{
    private AlertTriage()
    {
    }

    /// <summary>A firing or resolved alert selected by a policy whose service is declared.</summary>
    public sealed record Matched(AlertPolicyView Policy, ServiceView Service) : AlertTriage;

    /// <summary>An alert that needs no action, with the reason and the declared service its labels name, if any.</summary>
    public sealed record Ignored(string Reason, string? Service) : AlertTriage;

    /// <summary>An alert that cannot be processed: the field and the fix.</summary>
    public sealed record Invalid(string Field, string Error) : AlertTriage;

    /// <summary>
    /// Sorts an alert, firing or resolved: it is matched by the first policy, in name order, whose labels and dimensions
    /// it carries. A firing alert that no policy selects is ignored when its <c>service</c> label names a declared
    /// service and invalid otherwise, because then Surge cannot tell which service it concerns. A resolved alert that
    /// no policy selects is always ignored, because there is nothing to scale in and a 4xx would only make the sender drop it.
    /// </summary>
    public static AlertTriage Of(Alert alert, int index, IReadOnlyList<AlertPolicyView> policies, IReadOnlyDictionary<string, ServiceView> services)
    {
        var policy = policies.OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(p => p.Spec.Selects(alert.Labels));
        if (policy is not null && services.TryGetValue(policy.Spec.Service, out var service))
        {
            return new Matched(policy, service);
        }

        alert.Labels.TryGetValue("service", out var serviceLabel);
        if (serviceLabel is not null && services.ContainsKey(serviceLabel))
        {
            return new Ignored($"No AlertPolicy selects this alert for service {serviceLabel}; nothing was scaled.", serviceLabel);
        }

        if (alert.Status == "resolved")
        {
            return new Ignored("No AlertPolicy selects this resolved alert of an undeclared service; nothing to scale in.", null);
        }

        var field = $"alerts[{index}].labels";
        return serviceLabel is null
            ? new Invalid(field, $"No AlertPolicy selects alert '{AlertName(alert)}' and it has no 'service' label. Add an AlertPolicy whose match selects it, or a service label naming a declared service.")
            : new Invalid(field + ".service", $"Service '{serviceLabel}' is not declared. Apply a Service named '{serviceLabel}' and an AlertPolicy for it, or fix the alert's service label.");
    }

    private static string AlertName(Alert alert) => alert.Labels.TryGetValue("alertname", out var name) ? name : "(no alertname)";
}
