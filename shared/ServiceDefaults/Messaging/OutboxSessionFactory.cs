using Marten;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Opens <see cref="OutboxSession"/> units of work.</summary>
public sealed class OutboxSessionFactory(IDocumentStore store, OutboxDispatcher dispatcher, TimeProvider time)
{
    /// <summary>Opens a unit of work whose events and messages carry the given correlation and causation ids.</summary>
    public OutboxSession Open(string correlationId, string? causationId = null) =>
        new(store.LightweightSession(), dispatcher, correlationId, causationId, time.GetUtcNow());
}
