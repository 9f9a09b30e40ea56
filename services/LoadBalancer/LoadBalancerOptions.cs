using System.ComponentModel.DataAnnotations;
using Yarp.ReverseProxy.LoadBalancing;

namespace Surge.LoadBalancer;

/// <summary>Settings of the embedded data plane, bound from the <c>LoadBalancer</c> section and validated at start.</summary>
public sealed class LoadBalancerOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "LoadBalancer";

    /// <summary>The load-balancing policies YARP 2.3 ships, from <see cref="LoadBalancingPolicies"/>.</summary>
    public static IReadOnlyList<string> KnownPolicies { get; } =
    [
        LoadBalancingPolicies.RoundRobin,
        LoadBalancingPolicies.Random,
        LoadBalancingPolicies.LeastRequests,
        LoadBalancingPolicies.PowerOfTwoChoices,
        LoadBalancingPolicies.FirstAlphabetical,
    ];

    /// <summary>
    /// The http URL the data plane listens on, with a host and port and no path. Requests to <c>{DataPlaneUrl}/{service}/...</c>
    /// go to the service's backends. The control API stays on the addresses given by <c>--urls</c>. Default http://127.0.0.1:5090.
    /// </summary>
    [Required(ErrorMessage = "LoadBalancer:DataPlaneUrl is missing. Set it to an http URL such as http://127.0.0.1:5090.")]
    public string DataPlaneUrl { get; set; } = "http://127.0.0.1:5090";

    /// <summary>
    /// How often each replica reloads pool membership from the database, so it routes to backends that another replica
    /// registered. Default 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "LoadBalancer:RefreshInterval must be between 100 ms and 10 minutes.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often pending drains are checked: a drain this process started ends at the first check that finds no request
    /// in flight to its backends, and any drain ends at the first check after its deadline. Default 200 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "LoadBalancer:DrainCheckInterval must be between 10 ms and 1 minute.")]
    public TimeSpan DrainCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The YARP load-balancing policy of every service's cluster, one of <see cref="KnownPolicies"/>. Default RoundRobin.</summary>
    [Required(ErrorMessage = "LoadBalancer:LoadBalancingPolicy is missing. Set it to RoundRobin or another YARP policy name.")]
    public string LoadBalancingPolicy { get; set; } = LoadBalancingPolicies.RoundRobin;

    /// <summary>Returns the data plane URL when <see cref="DataPlaneUrl"/> is valid, otherwise null.</summary>
    public Uri? TryGetDataPlaneUri() =>
        Uri.TryCreate(DataPlaneUrl, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0
        && uri.AbsolutePath == "/"
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0
            ? uri
            : null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TryGetDataPlaneUri() is null)
        {
            yield return new ValidationResult(
                $"LoadBalancer:DataPlaneUrl '{DataPlaneUrl}' is invalid. Set it to an http URL with a host and port and no path, such as http://127.0.0.1:5090.",
                [nameof(DataPlaneUrl)]);
        }

        if (!KnownPolicies.Contains(LoadBalancingPolicy, StringComparer.Ordinal))
        {
            yield return new ValidationResult(
                $"LoadBalancer:LoadBalancingPolicy '{LoadBalancingPolicy}' is unknown. Use one of: {string.Join(", ", KnownPolicies)}.",
                [nameof(LoadBalancingPolicy)]);
        }
    }
}
