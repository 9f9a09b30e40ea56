using Surge.Contracts.Backends;
using Surge.LoadBalancer.Pools;

namespace Surge.LoadBalancer.Registration;

/// <summary>Checks a registration before any backend is added, so a bad request adds none of its backends.</summary>
public static class BackendRegistrationRules
{
    /// <summary>Returns why the registration is invalid, naming each bad service, instance and endpoint, or null when it is valid.</summary>
    public static string? FindViolations(RegisterBackends command)
    {
        var violations = new List<string>();
        if (!ServiceName.IsValid(command.Service))
        {
            violations.Add($"Service name '{command.Service}' is invalid. {ServiceName.Rule}");
        }

        foreach (var backend in command.Backends)
        {
            if (backend.InstanceId == Guid.Empty)
            {
                violations.Add($"A backend at '{backend.Endpoint}' has an empty instance id.");
            }

            if (!IsBackendUrl(backend.Endpoint))
            {
                violations.Add(
                    $"Instance {backend.InstanceId} has endpoint '{backend.Endpoint}', which is not an absolute http or https URL " +
                    "without a query or fragment, such as http://127.0.0.1:8080.");
            }
        }

        foreach (var conflict in command.Backends.GroupBy(backend => backend.InstanceId).Where(HasSeveralEndpoints))
        {
            var endpoints = string.Join(", ", conflict.Select(backend => $"'{backend.Endpoint}'").Distinct());
            violations.Add($"Instance {conflict.Key} is listed with different endpoints ({endpoints}). List each instance once.");
        }

        return violations.Count == 0 ? null : string.Join(" ", violations);
    }

    /// <summary>Returns whether <paramref name="endpoint"/> is an absolute http or https URL with a host and no query or fragment.</summary>
    public static bool IsBackendUrl(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0;

    private static bool HasSeveralEndpoints(IGrouping<Guid, Backend> listings) =>
        listings.Select(backend => backend.Endpoint).Distinct(StringComparer.Ordinal).Count() > 1;
}
