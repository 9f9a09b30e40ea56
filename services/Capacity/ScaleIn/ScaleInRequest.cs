namespace Surge.Capacity.ScaleIn;

/// <summary>A team's or operator's request to remove instances of a service through the API.</summary>
/// <param name="Service">The declared service to scale in.</param>
/// <param name="Count">How many instances to remove.</param>
/// <param name="DrainTimeout">How long requests in flight may take to finish before an instance is removed, at most 10 minutes; defaults to <c>Saga:DefaultDrainTimeout</c>.</param>
/// <param name="RequestedBy">Who sent the request, for the audit trail.</param>
public sealed record ScaleInRequest(string Service, int Count, TimeSpan? DrainTimeout = null, string? RequestedBy = null);
