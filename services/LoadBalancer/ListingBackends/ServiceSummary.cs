namespace Surge.LoadBalancer.ListingBackends;

/// <summary>A service that has a backend pool, and how many backends the pool has now.</summary>
public sealed record ServiceSummary(string Service, int BackendCount);
