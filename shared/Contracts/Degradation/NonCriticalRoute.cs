namespace Surge.Contracts.Degradation;

/// <summary>
/// Requests of a service that may be rejected while it is degraded: a path prefix, relative to the service, that
/// matches whole segments, and the HTTP methods it covers (every method when empty).
/// </summary>
/// <param name="PathPrefix">Starts with '/', such as <c>/api/recommendations</c>; it also covers <c>/api/recommendations/top</c> but not <c>/api/recommendationsx</c>.</param>
/// <param name="Methods">Uppercase method names such as <c>GET</c>; empty for every method.</param>
public sealed record NonCriticalRoute(string PathPrefix, IReadOnlyList<string> Methods);
