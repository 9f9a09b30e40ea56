using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Surge.Gateway.Webhooks;

/// <summary>Checks Grafana's webhook HMAC: lowercase hex HMAC-SHA256 keyed with the secret, over <c>[TIMESTAMP:]BODY</c>.</summary>
public static class GrafanaSignature
{
    /// <summary>Checks the signature and, when a timestamp header is configured, the signed timestamp's age.</summary>
    public static SourceCheck Check(GrafanaSourceOptions options, IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var signature = headers[options.SignatureHeader].ToString().Trim();
        if (signature.Length == 0)
        {
            return SourceCheck.Failed($"The {options.SignatureHeader} header is missing. Set the same HMAC secret on the Grafana contact point as in Gateway:AlertSources:Grafana:HmacSecret.");
        }

        var signed = body.ToArray();
        if (!string.IsNullOrEmpty(options.TimestampHeader))
        {
            var timestamp = headers[options.TimestampHeader].ToString().Trim();
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return SourceCheck.Failed($"The {options.TimestampHeader} header is missing or not a Unix time in seconds. Set it as the contact point's HMAC timestamp header.");
            }

            var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
            if (age.Duration() > options.MaxSignatureAge)
            {
                return SourceCheck.Failed($"The signed timestamp is {age.Duration().TotalSeconds:0} seconds from the gateway's clock, more than the {options.MaxSignatureAge.TotalSeconds:0} allowed; the request is a replay or a clock is wrong.");
            }

            signed = [.. Encoding.UTF8.GetBytes(timestamp + ":"), .. signed];
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.HmacSecret!), signed);
        if (!TryHex(signature, out var presented) || !CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return SourceCheck.Failed($"The {options.SignatureHeader} signature does not match the body. Check that Grafana and Gateway:AlertSources:Grafana:HmacSecret hold the same secret.");
        }

        return SourceCheck.Passed;
    }

    /// <summary>Returns the signature Grafana would send, for tests and tools.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body, string? timestamp = null)
    {
        byte[] signed = timestamp is null ? body.ToArray() : [.. Encoding.UTF8.GetBytes(timestamp + ":"), .. body];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
