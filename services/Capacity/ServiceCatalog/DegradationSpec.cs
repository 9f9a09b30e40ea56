using System.Text.RegularExpressions;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Resources;
using Surge.Contracts.Degradation;

namespace Surge.Capacity.ServiceCatalog;

/// <summary>
/// What a service gives up while it is degraded: the routes that are not critical, each a path prefix relative to the
/// service with optional methods in front (<c>/api/recommendations</c>, <c>GET,HEAD /api/feed/extras</c>), and the
/// <c>Retry-After</c> rejected requests get.
/// </summary>
/// <param name="NonCriticalRoutes">The routes rejected while degraded.</param>
/// <param name="RetryAfter">A whole number of seconds, minutes or hours, such as <c>30s</c>; default <see cref="DefaultRetryAfter"/>.</param>
public sealed partial record DegradationSpec(IReadOnlyList<string>? NonCriticalRoutes = null, string? RetryAfter = null)
{
    /// <summary>The <c>Retry-After</c> when the spec gives none.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The most routes one service may declare.</summary>
    public const int MaxRoutes = 50;

    /// <summary>The longest path prefix accepted.</summary>
    public const int MaxPathLength = 200;

    /// <summary>Adds an error for each invalid field under <c>spec.degradation</c>.</summary>
    public void Validate(SpecErrors errors)
    {
        var routes = NonCriticalRoutes ?? [];
        if (routes.Count == 0)
        {
            errors.Add("spec.degradation.nonCriticalRoutes", "nonCriticalRoutes is empty. List the path prefixes to reject while degraded, such as [/api/recommendations], or leave degradation out.");
        }
        else if (routes.Count > MaxRoutes)
        {
            errors.Add("spec.degradation.nonCriticalRoutes", $"nonCriticalRoutes lists {routes.Count} routes; give at most {MaxRoutes}, using shorter prefixes that cover several.");
        }

        for (var index = 0; index < Math.Min(routes.Count, MaxRoutes); index++)
        {
            if (ParseRoute(routes[index]) is null)
            {
                errors.Add($"spec.degradation.nonCriticalRoutes[{index}]",
                    $"'{routes[index]}' is not a route. Write a path prefix starting with '/' (at most {MaxPathLength} characters, no spaces, '?', '#' or '*'), " +
                    "optionally after methods and a space, such as '/api/recommendations' or 'GET,HEAD /api/feed/extras'.");
            }
        }

        if (RetryAfter is not null && !TryParseRetryAfter(RetryAfter, out _))
        {
            errors.Add("spec.degradation.retryAfter", $"retryAfter '{RetryAfter}' is invalid. Give whole seconds, minutes or hours from 1s to 1h, such as 30s or 2m.");
        }
    }

    /// <summary>The routes as the load balancer takes them; invalid entries, which validation rejects, are left out.</summary>
    public IReadOnlyList<NonCriticalRoute> Routes() =>
        [.. (NonCriticalRoutes ?? []).Take(MaxRoutes).Select(ParseRoute).OfType<NonCriticalRoute>()];

    /// <summary>The <c>Retry-After</c> to send, <see cref="DefaultRetryAfter"/> unless the spec gives one.</summary>
    public TimeSpan RetryAfterOrDefault() => TryParseRetryAfter(RetryAfter, out var value) ? value : DefaultRetryAfter;

    /// <summary>Parses <c>/path</c> or <c>METHOD[,METHOD] /path</c>; null when it is neither.</summary>
    public static NonCriticalRoute? ParseRoute(string? text)
    {
        var parts = (text ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (methods, path) = parts.Length switch
        {
            1 => ("", parts[0]),
            2 => (parts[0], parts[1]),
            _ => ("", ""),
        };
        if (!Path().IsMatch(path) || path.Length > MaxPathLength)
        {
            return null;
        }

        var names = methods.Length == 0 ? [] : methods.Split(',');
        return names.All(name => Method().IsMatch(name))
            ? new NonCriticalRoute(path, [.. names.Select(name => name.ToUpperInvariant()).Distinct()])
            : null;
    }

    private static bool TryParseRetryAfter(string? text, out TimeSpan value) =>
        Durations.TryParse(text, out value)
        && value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromHours(1)
        && value.Ticks % TimeSpan.TicksPerSecond == 0;

    [GeneratedRegex("^/[^\\s?#*]*\\z")]
    private static partial Regex Path();

    [GeneratedRegex("^[A-Za-z]{3,10}\\z")]
    private static partial Regex Method();
}
