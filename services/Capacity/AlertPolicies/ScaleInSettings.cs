namespace Surge.Capacity.AlertPolicies;

/// <summary>How a policy gives back the instances an incident added once its alert resolves.</summary>
/// <param name="StabilisationWindow">How long the alert must stay resolved before the first step, such as <c>10m</c>; defaults to <see cref="DefaultWindow"/>.</param>
/// <param name="Step">How many instances one step removes; defaults to one.</param>
/// <param name="StepPeriod">The time between two steps, such as <c>2m</c>; defaults to <see cref="DefaultStepPeriod"/>.</param>
public sealed record ScaleInSettings(string? StabilisationWindow = null, ScaleStep? Step = null, string? StepPeriod = null)
{
    /// <summary>The stabilisation window when the policy gives none.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(10);

    /// <summary>The step period when the policy gives none.</summary>
    public static readonly TimeSpan DefaultStepPeriod = TimeSpan.FromMinutes(2);

    /// <summary>The settings of a policy that names none.</summary>
    public static readonly ScaleInSettings Default = new();

    /// <summary>The stabilisation window as a duration.</summary>
    public TimeSpan Window => Durations.TryParse(StabilisationWindow, out var window) ? window : DefaultWindow;

    /// <summary>The step period as a duration.</summary>
    public TimeSpan Period => Durations.TryParse(StepPeriod, out var period) ? period : DefaultStepPeriod;

    /// <summary>The step size; one instance when the policy gives none.</summary>
    public ScaleStep StepSize => Step ?? new ScaleStep(By: 1);
}
