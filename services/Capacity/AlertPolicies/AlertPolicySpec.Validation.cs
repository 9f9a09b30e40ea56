using Surge.Capacity.Resources;

namespace Surge.Capacity.AlertPolicies;

/// <summary>The checks an alert policy passes before it is recorded.</summary>
public sealed partial record AlertPolicySpec
{
    /// <summary>The largest percentage a scale-out may add in one go.</summary>
    public const int MaxScaleOutPercent = 1000;

    /// <summary>Throws a 400 naming each invalid field; <paramref name="serviceExists"/> is whether the service is declared.</summary>
    public void Validate(string name, bool serviceExists)
    {
        var errors = new SpecErrors();
        errors.RequireName("name", name);
        errors.RequireName("spec.service", Service);
        if (!string.IsNullOrEmpty(Service) && !serviceExists)
        {
            errors.Add("spec.service", $"Service '{Service}' is not declared. Apply the Service before its alert policies.");
        }

        ValidateSelectors(errors);
        ValidateScaleOut(errors);
        ValidateLimits(errors);
        ValidateDuration(errors, "spec.cooldown", Cooldown, allowZero: true);
        ValidateScaleIn(errors);
        ValidateDuration(errors, "spec.degrade.maxTimeToCapacity", Degrade?.MaxTimeToCapacity, allowZero: false);
        errors.ThrowIfAny("AlertPolicy", name);
    }

    private void ValidateSelectors(SpecErrors errors)
    {
        if (Match is not { Count: > 0 } && Dimensions is not { Count: > 0 })
        {
            errors.Add("spec.match", "match is empty. Give the labels that select the alert, such as {alertname: FeedApiHighTraffic}, or the cloud alarm's dimensions under dimensions.");
        }

        if (Match is not null && Match.Any(label => string.IsNullOrEmpty(label.Key) || label.Value is null))
        {
            errors.Add("spec.match", "Every match label needs a name and a value.");
        }

        if (Dimensions is not null && Dimensions.Any(dimension => string.IsNullOrEmpty(dimension.Key) || dimension.Value is null))
        {
            errors.Add("spec.dimensions", "Every dimension needs a name and a value, such as {InstanceId: i-0abc}.");
        }
    }

    private void ValidateScaleOut(SpecErrors errors)
    {
        if (ScaleOut is { By: not null, Percent: not null })
        {
            errors.Add("spec.scaleOut", "scaleOut gives both by and percent. Keep one: by for a fixed count, percent for a share of the current instances.");
        }
        else if (ScaleOut?.Percent is { } percent)
        {
            if (percent is < 1 or > MaxScaleOutPercent)
            {
                errors.Add("spec.scaleOut.percent", $"scaleOut.percent is {percent}; give between 1 and {MaxScaleOutPercent}: the share of the current instances one firing alert adds.");
            }
        }
        else if (ScaleOut?.By is not >= 1)
        {
            errors.Add("spec.scaleOut.by", "scaleOut.by must be 1 or more: the number of instances one firing alert adds. Or give scaleOut.percent instead.");
        }
    }

    private void ValidateLimits(SpecErrors errors)
    {
        if (MaxInstances is < 1)
        {
            errors.Add("spec.maxInstances", $"maxInstances is {MaxInstances}; give 1 or more, or leave it out to use the service's maximum.");
        }

        if (MinInstances is < 0)
        {
            errors.Add("spec.minInstances", $"minInstances is {MinInstances}; give 0 or more, or leave it out to use the service's minimum.");
        }
        else if (MinInstances is { } minimum && MaxInstances is { } maximum and >= 1 && minimum > maximum)
        {
            errors.Add("spec.minInstances", $"minInstances ({minimum}) is above maxInstances ({maximum}). Give a minimum at or below the maximum.");
        }
    }

    private void ValidateScaleIn(SpecErrors errors)
    {
        if (ScaleIn is null)
        {
            return;
        }

        ValidateDuration(errors, "spec.scaleIn.stabilisationWindow", ScaleIn.StabilisationWindow, allowZero: true);
        ValidateDuration(errors, "spec.scaleIn.stepPeriod", ScaleIn.StepPeriod, allowZero: false);
        if (ScaleIn.Step is { By: not null, Percent: not null })
        {
            errors.Add("spec.scaleIn.step", "scaleIn.step gives both by and percent. Keep one: by for a fixed count, percent for a share of the current instances.");
        }
        else if (ScaleIn.Step?.By is < 1)
        {
            errors.Add("spec.scaleIn.step.by", $"scaleIn.step.by is {ScaleIn.Step.By}; give 1 or more: the instances one step removes.");
        }
        else if (ScaleIn.Step?.Percent is < 1 or > 100)
        {
            errors.Add("spec.scaleIn.step.percent", $"scaleIn.step.percent is {ScaleIn.Step.Percent}; give between 1 and 100: the share of the current instances one step removes.");
        }
    }

    private static void ValidateDuration(SpecErrors errors, string field, string? text, bool allowZero)
    {
        if (text is null)
        {
            return;
        }

        var key = field["spec.".Length..];
        if (!Durations.TryParse(text, out var duration))
        {
            errors.Add(field, $"{key} '{text}' is not a duration. Write a number and a unit, such as 90s, 5m or 1h.");
        }
        else if (!allowZero && duration <= TimeSpan.Zero)
        {
            errors.Add(field, $"{key} is {text}; give a duration longer than zero, such as 30s.");
        }
    }
}
