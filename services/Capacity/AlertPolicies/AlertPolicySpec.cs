using Surge.Capacity.Resources;

namespace Surge.Capacity.AlertPolicies;

/// <summary>Which alerts scale which service, and by how much.</summary>
/// <param name="Service">The service the policy scales.</param>
/// <param name="Match">Labels an alert must carry, each with exactly this value.</param>
/// <param name="ScaleOut">How many instances one firing alert adds.</param>
/// <param name="MaxInstances">The instance count the policy never scales past; defaults to the service's maximum.</param>
/// <param name="Cooldown">The quiet time after a scale-out, as a duration such as <c>5m</c>.</param>
public sealed record AlertPolicySpec(
    string Service,
    IReadOnlyDictionary<string, string>? Match,
    ScaleOutAction? ScaleOut,
    int? MaxInstances = null,
    string? Cooldown = null)
{
    /// <summary>Throws a 400 naming each invalid field; <paramref name="serviceExists"/> tells whether the service is declared.</summary>
    public void Validate(string name, bool serviceExists)
    {
        var errors = new SpecErrors();
        errors.RequireName("name", name);
        errors.RequireName("spec.service", Service);
        if (!string.IsNullOrEmpty(Service) && !serviceExists)
        {
            errors.Add("spec.service", $"Service '{Service}' is not declared. Apply the Service before its alert policies.");
        }

        if (Match is null || Match.Count == 0)
        {
            errors.Add("spec.match", "match is empty. Give the labels that select the alert, such as {alertname: FeedApiHighTraffic}.");
        }
        else if (Match.Any(label => string.IsNullOrEmpty(label.Key) || label.Value is null))
        {
            errors.Add("spec.match", "Every match label needs a name and a value.");
        }

        if (ScaleOut is null || ScaleOut.By < 1)
        {
            errors.Add("spec.scaleOut.by", "scaleOut.by must be 1 or more: the number of instances one firing alert adds.");
        }

        if (MaxInstances is < 1)
        {
            errors.Add("spec.maxInstances", $"maxInstances is {MaxInstances}; give 1 or more, or leave it out to use the service's maximum.");
        }

        if (Cooldown is not null && !Durations.TryParse(Cooldown, out _))
        {
            errors.Add("spec.cooldown", $"cooldown '{Cooldown}' is not a duration. Write a number and a unit, such as 90s, 5m or 1h.");
        }

        errors.ThrowIfAny("AlertPolicy", name);
    }

    /// <summary>Returns whether the alert carries every label of <see cref="Match"/> with the same value.</summary>
    public bool Selects(IReadOnlyDictionary<string, string> labels) =>
        Match is { Count: > 0 } && Match.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
