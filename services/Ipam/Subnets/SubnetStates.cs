using System.Collections.Concurrent;
using Marten;

namespace Surge.Ipam.Subnets;

/// <summary>
/// The subnets as this process last read them under the address-space lock or wrote them, each with the version of its
/// stream, shared by the writers of the address space. A subnet with thousands of blocks is a large document: without
/// this, the allocation committer would read it again after every refill, while allocations wait for the lock.
/// </summary>
/// <remarks>
/// A state is kept only with the version it is the state of, and handed out only for that version, so a state kept
/// here is never mistaken for a newer one. Thread-safe: the committer and the refill run side by side.
/// </remarks>
public sealed class SubnetStates
{
    private readonly ConcurrentDictionary<string, (Subnet State, long Version)> states = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="subnet"/> as the state of its stream at <paramref name="version"/>.</summary>
    public void Remember(Subnet subnet, long version) =>
        states.AddOrUpdate(subnet.Name, (subnet, version), (_, current) => current.Version > version ? current : (subnet, version));

    /// <summary>Forgets every subnet, so the next reader loads them.</summary>
    public void Clear() => states.Clear();

    /// <summary>Returns the subnet's state at <paramref name="version"/> when this copy contains exactly that version.</summary>
    public Subnet? At(string name, long version) =>
        states.TryGetValue(name, out var kept) && kept.Version == version ? kept.State : null;

    /// <summary>
    /// Returns every subnet whose stream <paramref name="streamVersions"/> lists (keys <c>subnet/{name}</c>), each at its
    /// listed version, loading those this copy does not hold at it. The caller holds the address-space lock, so the
    /// loaded documents are at the listed versions and are kept.
    /// </summary>
    public async Task<IReadOnlyList<(Subnet State, long Version)>> ReadAsync(
        IQuerySession session, IReadOnlyDictionary<string, long> streamVersions, CancellationToken cancellationToken)
    {
        var listed = streamVersions.Where(entry => entry.Key.StartsWith("subnet/", StringComparison.Ordinal)).ToList();
        var result = new List<(Subnet, long)>(listed.Count);
        var stale = new List<string>();
        foreach (var (key, version) in listed)
        {
            if (At(key["subnet/".Length..], version) is { } kept)
            {
                result.Add((kept, version));
            }
            else
            {
                stale.Add(key);
            }
        }

        if (stale.Count > 0)
        {
            foreach (var subnet in await session.LoadManyAsync<Subnet>(cancellationToken, stale))
            {
                var version = streamVersions[subnet.Id];
                Remember(subnet, version);
                result.Add((subnet, version));
            }
        }

        return result;
    }
}
