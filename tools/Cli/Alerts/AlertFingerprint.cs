using System.Text;

namespace Surge.Cli.Alerts;

/// <summary>The fingerprint Prometheus and Alertmanager give an alert: a hash of its label set.</summary>
/// <remarks>
/// It is 64-bit FNV-1a over the labels sorted by name, hashing for each label its name, the byte 0xff, its value
/// and the byte 0xff again (LabelSet.Fingerprint in github.com/prometheus/common/model), printed as 16 lowercase hex
/// digits. Go sorts names by their UTF-8 bytes; Prometheus label names are ASCII, so ordinal order is the same.
/// </remarks>
internal static class AlertFingerprint
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const byte Separator = 0xff;

    /// <summary>Computes the fingerprint of <paramref name="labels"/> as Alertmanager prints it.</summary>
    public static string Compute(IReadOnlyDictionary<string, string> labels)
    {
        var hash = OffsetBasis;
        foreach (var name in labels.Keys.Order(StringComparer.Ordinal))
        {
            hash = Add(hash, name);
            hash = Add(hash, Separator);
            hash = Add(hash, labels[name]);
            hash = Add(hash, Separator);
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var value in Encoding.UTF8.GetBytes(text))
        {
            hash = Add(hash, value);
        }

        return hash;
    }

    private static ulong Add(ulong hash, byte value) => unchecked((hash ^ value) * Prime);
}
