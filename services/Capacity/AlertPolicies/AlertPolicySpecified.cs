namespace Surge.Capacity.AlertPolicies;

/// <summary>An alert policy was declared or its declaration changed.</summary>
public sealed record AlertPolicySpecified(string Name, AlertPolicySpec Spec);
