using System.Security.Cryptography;
using System.Text;

namespace Surge.Capacity.Alerts;

/// <summary>
/// Derives the ids of alert incidents. The same alert delivered again (a retry after a 5xx, the other peer of a
/// high-availability pair, a repeat notification) has the same policy, fingerprint and start time, so it maps to the
/// same saga stream, and the stream's uniqueness in the event store turns a duplicate into a no-op.
/// </summary>
public static class IncidentKey
{
    /// <summary>Returns a deterministic saga id for one incident of an alert under one policy.</summary>
    public static Guid SagaId(string source, string policy, string fingerprint, DateTimeOffset startsAt) =>
        Hash($"{source}\n{policy}\n{fingerprint}\n{startsAt.UtcTicks}");

    /// <summary>
    /// Returns a deterministic id of an alert under one policy, whatever its start time, for the stream that stores its
    /// incidents one after another. The <paramref name="policy"/> is empty for an alert no policy selects.
    /// </summary>
    public static Guid AlertId(string source, string policy, string fingerprint) =>
        Hash($"alert\n{source}\n{policy}\n{fingerprint}");

    private static Guid Hash(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));

        // Shape the first 16 bytes as an RFC 9562 version 8 (custom) UUID, so the id is a well-formed GUID.
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
