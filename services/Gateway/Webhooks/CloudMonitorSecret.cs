using System.Security.Cryptography;
using System.Text;

namespace Surge.Gateway.Webhooks;

/// <summary>Checks the shared secret a CloudMonitor callback URL carries as a query parameter.</summary>
public static class CloudMonitorSecret
{
    /// <summary>Compares the presented secret with the configured one in constant time.</summary>
    public static SourceCheck Check(CloudMonitorSourceOptions options, IQueryCollection query)
    {
        var presented = query[options.SecretParameter];
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return SourceCheck.Failed($"The callback URL has no '{options.SecretParameter}' query parameter. Set the callback URL to /webhooks/cloudmonitor?{options.SecretParameter}=SECRET with the secret of Gateway:AlertSources:CloudMonitor:Secret.");
        }

        // Hashing both sides first makes the comparison take the same time whatever the presented length.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Secret ?? ""));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!));
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? SourceCheck.Passed
            : SourceCheck.Failed($"The '{options.SecretParameter}' query parameter does not match Gateway:AlertSources:CloudMonitor:Secret.");
    }
}
