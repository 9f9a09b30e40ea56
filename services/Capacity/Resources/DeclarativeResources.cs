using Marten;

namespace Surge.Capacity.Resources;

/// <summary>The shared write path of declarative resources: a spec is recorded as an event only when it changes.</summary>
public static class DeclarativeResources
{
    /// <summary>
    /// Appends <paramref name="specified"/> to the resource's stream when <paramref name="next"/> differs from
    /// <paramref name="current"/>, and saves. Returns the <see cref="ApplyOutcome"/> value.
    /// </summary>
    public static async Task<string> ApplyAsync<TSpec>(
        IDocumentSession session,
        string correlationId,
        string streamKey,
        TSpec? current,
        TSpec next,
        object specified,
        CancellationToken cancellationToken)
        where TSpec : class
    {
        if (current is not null && SpecComparer.AreEqual(current, next))
        {
            return ApplyOutcome.Unchanged;
        }

        session.CorrelationId = correlationId;
        if (current is null)
        {
            session.Events.StartStream(streamKey, specified);
        }
        else
        {
            session.Events.Append(streamKey, specified);
        }

        await session.SaveChangesAsync(cancellationToken);
        return current is null ? ApplyOutcome.Created : ApplyOutcome.Updated;
    }
}
