namespace Surge.Capacity.ScaleOut;

/// <summary>A team's request to add instances to a service through the API.</summary>
/// <param name="Service">The declared service to scale out.</param>
/// <param name="Count">How many instances to add.</param>
/// <param name="RequestedBy">Who asks, for the audit trail.</param>
/// <param name="MinimumCount">The fewest ready instances accepted; the saga completes partially with at least this many. Defaults to <paramref name="Count"/>.</param>
/// <param name="Degrade">Whether to degrade the service at the load balancer while it scales; null for no degradation.</param>
public sealed record ManualScaleOutRequest(string Service, int Count, string? RequestedBy, int? MinimumCount = null, DegradeWhileScaling? Degrade = null);
