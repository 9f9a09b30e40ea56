using System.Text;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Computes the fingerprint Prometheus and Alertmanager give a label set: FNV-1a 64 over the labels sorted by the UTF-8 bytes of their names (Go's order),
/// each name and each value followed by the byte 0xff, printed as 16 lowercase hex digits. Alertmanager before 0.19
/// does not send the fingerprint, so the gateway recomputes it and both kinds of sender dedupe the same way.
/// </summary>
public static class LabelFingerprint
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const byte Separator = 0xff;

    /// <summary>Returns the fingerprint of a label set.</summary>
    public static string Compute(IReadOnlyDictionary<string, string> labels)
    {
        var hash = OffsetBasis;
        foreach (var label in labels.OrderBy(label => label.Key, Utf8Order.Instance))
        {
            hash = Add(hash, label.Key);
            hash = AddByte(hash, Separator);
            hash = Add(hash, label.Value);
            hash = AddByte(hash, Separator);
        }

        return hash.ToString("x16");
    }

    /// <summary>Returns the fingerprint of one text, such as a cloud alarm's ARN, in the same 16 hex digits.</summary>
    public static string OfText(string text) => Compute(new Dictionary<string, string>(StringComparer.Ordinal) { [""] = text });

    private static ulong Add(ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = AddByte(hash, b);
        }

        return hash;
    }

    private static ulong AddByte(ulong hash, byte b) => (hash ^ b) * Prime;

    // Go compares strings by their UTF-8 bytes. Ordinal UTF-16 comparison differs for characters outside the basic
    // multilingual plane, which Prometheus 3 allows in label names.
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
