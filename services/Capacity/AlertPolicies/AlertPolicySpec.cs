namespace Surge.Capacity.AlertPolicies;

/// <summary>Which alerts scale which service, by how much, within which limits, and how it scales back in.</summary>
/// <param name="Service">The service the policy scales.</param>
/// <param name="Match">Labels an alert must carry, each with exactly this value.</param>
/// <param name="ScaleOut">How many instances one firing alert adds: <c>by</c> a count or a <c>percent</c> of the current instances.</param>
/// <param name="MaxInstances">The instance count the policy never scales past; defaults to the service's maximum.</param>
/// <param name="Cooldown">The quiet time after a scale-out, as a duration such as <c>5m</c>.</param>
/// <param name="Dimensions">
/// Cloud alarm dimensions an alert must carry, each with exactly this value. The gateway passes a cloud alarm's
/// dimensions on as labels, so they are matched like <paramref name="Match"/>.
/// </param>
/// <param name="MinInstances">The instance count scale-in never goes below; the service's minimum applies as well.</param>
/// <param name="ScaleIn">How the instances an incident added are removed after its alert resolves.</param>
/// <param name="Degrade">When the scale-out switches degradation on while the new instances come up.</param>
public sealed partial record AlertPolicySpec(
    string Service,
    IReadOnlyDictionary<string, string>? Match,
    ScaleOutAction? ScaleOut,
    int? MaxInstances = null,
    string? Cooldown = null,
    IReadOnlyDictionary<string, string>? Dimensions = null,
    int? MinInstances = null,
    ScaleInSettings? ScaleIn = null,
    DegradeSettings? Degrade = null)
{
    /// <summary>Returns whether the alert carries every label of <see cref="Match"/> and every dimension of <see cref="Dimensions"/> with the same value.</summary>
    public bool Selects(IReadOnlyDictionary<string, string> labels) =>
        (Match is { Count: > 0 } || Dimensions is { Count: > 0 })
        && Carries(labels, Match)
        && Carries(labels, Dimensions);

    /// <summary>The scale-in settings, with the defaults for what the policy leaves out.</summary>
    public ScaleInSettings ScaleInOrDefault => ScaleIn ?? ScaleInSettings.Default;

    private static bool Carries(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? required) =>
        required is null || required.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
