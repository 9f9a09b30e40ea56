using System.Text.RegularExpressions;

namespace Surge.LoadBalancer.Pools;

/// <summary>The rule for service names, which become a path segment of the data plane and part of a stream key.</summary>
public static partial class ServiceName
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule =
        "A service name is an RFC 1123 label: 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.";

    /// <summary>
    /// Returns whether <paramref name="name"/> follows <see cref="Rule"/>. Lowercase only, because YARP matches route
    /// paths and cluster ids case-insensitively, so "Web" and "web" would collide.
    /// </summary>
    public static bool IsValid(string? name) => name is not null && Label().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Label();
}
