using System.Text.RegularExpressions;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Matches a URL's host against patterns such as <c>sns.{region}.amazonaws.com</c>, where <c>{region}</c> is the region
/// of the message's topic and <c>*</c> one DNS label. Only URLs that pass are used at all: the certificate's file name
/// is taken from SigningCertURL, and SubscribeURL is the one URL the gateway ever requests for SNS.
/// </summary>
public static partial class TrustedHostPattern
{
    /// <summary>Whether the pattern is a host name whose labels are letters, digits, hyphens, <c>*</c> or <c>{region}</c>.</summary>
    public static bool IsWellFormed(string pattern) => WellFormed().IsMatch(pattern);

    /// <summary>Whether <paramref name="url"/> is absolute, uses https (or http when allowed), and names a trusted host.</summary>
    public static bool Allows(string? url, string? region, IEnumerable<string> patterns, bool allowHttp)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.IdnHost;
        return patterns.Any(pattern => Matches(pattern, host, region));
    }

    private static bool Matches(string pattern, string host, string? region)
    {
        if (pattern.Contains("{region}", StringComparison.Ordinal))
        {
            if (region is null || !RegionName().IsMatch(region))
            {
                return false;
            }

            pattern = pattern.Replace("{region}", region, StringComparison.Ordinal);
        }

        var expression = "^" + string.Join("\\.", pattern.Split('.').Select(label => label == "*" ? "[a-z0-9-]+" : Regex.Escape(label))) + "$";
        return Regex.IsMatch(host, expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"^(\*|\{region\}|[A-Za-z0-9-]+)(\.(\*|\{region\}|[A-Za-z0-9-]+))*$")]
    private static partial Regex WellFormed();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex RegionName();
}
