using System.Globalization;
using System.Text;

namespace Surge.Provisioner.CloudNodes;

/// <summary>
/// Plans the nodes of a request: names that follow from the request alone, so a redelivered request gets the same
/// names, and zones and racks assigned in turn.
/// </summary>
public static class CloudNodePlan
{
    /// <summary>How many hexadecimal digits of the request id a node name carries.</summary>
    /// <remarks>
    /// The last digits are taken because they are random in both version 4 and version 7 ids, while the first digits of a
    /// version 7 id are a timestamp that requests made close together share. 12 digits are 48 random bits.
    /// </remarks>
    public const int ShortIdLength = 12;

    /// <summary>
    /// Returns <paramref name="count"/> nodes named <c>{provider}-{pool}-{short request id}-{n}</c> with n from 1. Node
    /// n goes to zone <c>Zones[(n - 1) % Zones.Count]</c> and rack <c>{provider}-rack-{n}</c>, so every node of the
    /// request has a rack of its own.
    /// </summary>
    public static IReadOnlyList<PlannedNode> Plan(string provider, string pool, Guid requestId, int count, IReadOnlyList<string> zones)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0 && zones.Count == 0)
        {
            throw new ArgumentException("At least one zone is needed to plan nodes.", nameof(zones));
        }

        return Enumerable.Range(1, count)
            .Select(number => new PlannedNode(
                NodeName(provider, pool, requestId, number),
                zones[(number - 1) % zones.Count],
                string.Create(CultureInfo.InvariantCulture, $"{provider}-rack-{number}")))
            .ToList();
    }

    /// <summary>Returns the name of node <paramref name="number"/> (from 1) of a request.</summary>
    public static string NodeName(string provider, string pool, Guid requestId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{provider}-{NamePart(pool)}-{ShortId(requestId)}-{number}");

    /// <summary>Returns the last <see cref="ShortIdLength"/> hexadecimal digits of <paramref name="requestId"/>.</summary>
    public static string ShortId(Guid requestId) => requestId.ToString("N")[^ShortIdLength..];

    // Node names are host-name-like: lower-case letters, digits and hyphens. Other characters of a pool name become hyphens.
    private static string NamePart(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var character in value.Trim().ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) ? character : '-');
        }

        return builder.ToString();
    }
}
