using JasperFx.Events;
using Marten;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>Loads subnets for writing, so appending to one checks that no other process changed it since.</summary>
public static class SubnetStreams
{
    /// <summary>Fetches every subnet's stream for writing in one round trip, keyed by subnet name.</summary>
    /// <remarks>
    /// NOTE: this loads every subnet with all its allocations on each request, which suits tens of subnets. With many
    /// more, load only the subnets that serve the requested nodes and pools or contain allocations of the requested instances.
    /// </remarks>
    public static async Task<IReadOnlyDictionary<string, IEventStream<Subnet>>> FetchAllForWritingAsync(
        IDocumentSession session,
        CancellationToken cancellationToken)
    {
        var keys = await session.Query<Subnet>().Select(subnet => subnet.Id).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return new Dictionary<string, IEventStream<Subnet>>();
        }

        var streams = await session.Events.FetchManyForWriting<Subnet>(keys.ToList(), cancellationToken);
        return streams
            .Where(stream => stream.Aggregate is not null)
            .ToDictionary(stream => stream.Aggregate!.Name, StringComparer.Ordinal);
    }
}
