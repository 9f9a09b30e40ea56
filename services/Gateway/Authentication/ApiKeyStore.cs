using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Surge.Gateway.Authentication;

/// <summary>The configured keys, held as SHA-256 hashes and compared in constant time.</summary>
public sealed class ApiKeyStore
{
    private readonly List<(string Name, string Role, byte[] Hash)> keys;

    /// <summary>Hashes the configured keys once.</summary>
    public ApiKeyStore(IOptions<AuthenticationOptions> options)
    {
        Enabled = options.Value.Enabled;
        keys = [.. options.Value.ApiKeys.Select(key => (key.Name, key.Role, Hash(key)))];
    }

    /// <summary>Whether keys are checked at all.</summary>
    public bool Enabled { get; }

    /// <summary>Returns the holder and role of a presented key, or null when no configured key matches.</summary>
    public (string Name, string Role)? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        (string Name, string Role)? found = null;

        // Every key is compared, so the time taken does not tell which keys exist.
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                found = (key.Name, key.Role);
            }
        }

        return found;
    }

    private static byte[] Hash(ApiKeyOptions key) => key.Key is { Length: > 0 } plain
        ? SHA256.HashData(Encoding.UTF8.GetBytes(plain))
        : Convert.FromHexString(key.KeySha256 ?? "");
}
