using Surge.Contracts.Degradation;

namespace Surge.LoadBalancer.Degradation;

/// <summary>Tells whether a request goes to one of a service's non-critical routes.</summary>
public static class NonCriticalRouteMatch
{
    /// <summary>
    /// Returns whether <paramref name="path"/>, relative to the service, starts with a route's prefix at a segment
    /// boundary and the route covers <paramref name="method"/>. Paths compare ignoring case, as the data plane's own
    /// routing does, so a client cannot slip past a rejected route by changing the case of its path.
    /// </summary>
    public static bool IsNonCritical(IReadOnlyList<NonCriticalRoute> routes, string method, string path)
    {
        foreach (var route in routes)
        {
            if (Covers(route.PathPrefix, path) && (route.Methods.Count == 0 || route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Covers(string prefix, string path)
    {
        var trimmed = prefix.Length > 1 ? prefix.TrimEnd('/') : prefix;
        if (trimmed == "/")
        {
            return true;
        }

        return path.StartsWith(trimmed, StringComparison.OrdinalIgnoreCase)
            && (path.Length == trimmed.Length || path[trimmed.Length] == '/');
    }
}
