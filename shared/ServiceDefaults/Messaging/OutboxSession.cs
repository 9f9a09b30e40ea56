using Marten;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>
/// A Marten session together with the messages its changes cause. <see cref="CommitAsync"/> saves the changes and the
/// messages in one transaction, then hands the messages to the broker; the relay publishes any the process could not hand off.
/// </summary>
public sealed class OutboxSession : IAsyncDisposable
{
    private readonly OutboxDispatcher dispatcher;
    private readonly Chaos.CrashHook crashHook;
    private readonly string handling;
    private readonly List<OutboxMessage> pending = [];
    private readonly List<IDisposable> held = [];

    internal OutboxSession(
        IDocumentSession documents,
        OutboxDispatcher dispatcher,
        Chaos.CrashHook crashHook,
        string handling,
        string correlationId,
        string? causationId,
        DateTimeOffset now)
    {
        Documents = documents;
        this.dispatcher = dispatcher;
        this.crashHook = crashHook;
        this.handling = handling;
        CorrelationId = correlationId;
        CausationId = causationId;
        Now = now;
        documents.CorrelationId = correlationId;
        documents.CausationId = causationId;
    }

    /// <summary>The Marten session whose changes commit with the messages.</summary>
    public IDocumentSession Documents { get; }

    /// <summary>The correlation id stamped on every event and message of this unit of work.</summary>
    public string CorrelationId { get; }

    /// <summary>The id of the message being handled, if the unit of work handles one.</summary>
    public string? CausationId { get; }

    /// <summary>The time the unit of work started, taken once so every decision in it uses the same moment.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Stores a message to publish when the session commits.</summary>
    public void Publish(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entry = OutboxMessage.Create(message, CorrelationId, CausationId, Now);
        Documents.Insert(entry);
        pending.Add(entry);
    }

    /// <summary>Commits the changes and messages in one transaction, then hands the messages to the broker.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Documents.SaveChangesAsync(cancellationToken);
        crashHook.AfterCommit(handling);

        var committed = pending.ToArray();
        pending.Clear();

        // The commit succeeded, so the messages are safe in the outbox; a failed hand-off only delays them until the relay runs.
        await dispatcher.HandOffAsync(committed);
    }

    /// <summary>Keeps <paramref name="held"/> (such as a lock) until the unit of work is disposed, that is after its commit.</summary>
    public void HoldUntilDisposed(IDisposable held) => this.held.Add(held);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Documents.DisposeAsync();
        held.ForEach(item => item.Dispose());
        held.Clear();
    }
}
