using System.Security.Cryptography;
using System.Text;

namespace Surge.Rollout.Saga;

/// <summary>
/// Derives the ids of the Capacity sagas a rollout requests from the rollout and the batch, so a decision taken twice,
/// or a command delivered twice, names the same saga and Capacity starts it only once.
/// </summary>
public static class ChildSagaIds
{
    /// <summary>Returns the id of the scale-out that starts the new instances of batch <paramref name="batch"/>.</summary>
    public static Guid Replacement(Guid rolloutId, int batch) => Derive(rolloutId, $"replace/{batch}");

    /// <summary>Returns the id of the scale-in that removes what batch <paramref name="batch"/> replaced.</summary>
    public static Guid Removal(Guid rolloutId, int batch) => Derive(rolloutId, $"remove/{batch}");

    /// <summary>Returns the id of the scale-in that removes the late instances of the scale-out <paramref name="scaleOutSagaId"/>.</summary>
    public static Guid LateRemoval(Guid rolloutId, Guid scaleOutSagaId) => Derive(rolloutId, $"late/{scaleOutSagaId}");

    // A name-based UUID (version 5 layout, SHA-1 of the rollout id and the name): stable across processes and restarts.
    private static Guid Derive(Guid rolloutId, string name)
    {
        var input = rolloutId.ToByteArray(bigEndian: true).Concat(Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = SHA1.HashData(input);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
