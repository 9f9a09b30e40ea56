using Marten;

namespace Surge.Capacity.ScaleIn;

/// <summary>Reads scale-in sagas for the saga endpoints, which list and return both kinds of saga.</summary>
public static class ScaleInQueries
{
    /// <summary>Returns the view of a scale-in saga, or null when no scale-in saga has that id.</summary>
    public static async Task<ScaleInView?> FindAsync(IQuerySession session, Guid sagaId, CancellationToken cancellationToken) =>
        await session.LoadAsync<ScaleInState>(ScaleInState.StreamKey(sagaId), cancellationToken) is { } state ? ScaleInView.From(state) : null;

    /// <summary>Returns at most <paramref name="limit"/> scale-in sagas, newest first, with the given status and service when set.</summary>
    public static async Task<IReadOnlyList<ScaleInView>> ListAsync(
        IQuerySession session,
        ScaleInStatus? status,
        string? service,
        int limit,
        CancellationToken cancellationToken)
    {
        IQueryable<ScaleInState> query = session.Query<ScaleInState>();
        if (status is not null)
        {
            query = query.Where(saga => saga.Status == status.Value);
        }

        if (service is not null)
        {
            query = query.Where(saga => saga.Service == service);
        }

        var sagas = await query.OrderByDescending(saga => saga.RequestedAt).Take(limit).ToListAsync(cancellationToken);
        return [.. sagas.Select(ScaleInView.From)];
    }
}
