using Marten;
using Surge.ServiceDefaults.Chaos;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Opens <see cref="OutboxSession"/> units of work.</summary>
public sealed class OutboxSessionFactory(IDocumentStore store, OutboxDispatcher dispatcher, CrashHook crashHook, TimeProvider time)
{
    /// <summary>
    /// Opens a unit of work whose events and messages carry the given correlation and causation ids.
    /// <paramref name="handling"/> names what the work handles (a message type name, or <c>http</c>) for the chaos hook.
    /// </summary>
    public OutboxSession Open(string correlationId, string? causationId = null, string handling = "http") =>
        new(store.LightweightSession(), dispatcher, crashHook, handling, correlationId, causationId, time.GetUtcNow());
}
