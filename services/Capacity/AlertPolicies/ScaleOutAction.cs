namespace Surge.Capacity.AlertPolicies;

/// <summary>How many instances a matched alert adds.</summary>
public sealed record ScaleOutAction(int By);
