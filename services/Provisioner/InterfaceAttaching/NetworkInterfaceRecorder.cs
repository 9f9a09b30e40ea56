using Surge.Provisioner.NetworkInterfaces;
using Surge.Provisioner.Recording;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>
/// Records the outcome of an attach that did not come from a message (the latency passed) in a unit of work of its
/// own, together with the reply the requester expects.
/// </summary>
public sealed partial class NetworkInterfaceRecorder(OutboxSessionFactory sessions, ServiceDefaults.Storage.DatabaseOutageRetry outage, ILogger<NetworkInterfaceRecorder> logger)
{
    /// <summary>
    /// Decides <paramref name="command"/> against the interface's current state and commits the events and the reply.
    /// Returns the state after the commit, which is the state found when the command caused no events.
    /// </summary>
    /// <remarks>
    /// A version conflict or a database error is retried with back-off, and after the last attempt the error is thrown.
    /// An unreachable database is waited out for <c>Messaging:DatabaseOutageRetry</c>.
    /// </remarks>
    public async Task<NetworkInterfaceState> RecordAsync(NetworkInterfaceCommand command, string correlationId, CancellationToken cancellationToken)
    {
        var stream = NetworkInterfaceStream.Key(command.Node, command.InterfaceId);
        return await RecordingRetry.RunAsync(
            outage,
            () => TryRecordAsync(command, stream, correlationId, cancellationToken),
            attempt => LogConflict(logger, stream, attempt),
            (exception, attempt, delay) => LogRetrying(logger, exception, stream, attempt, delay),
            cancellationToken);
    }

    private async Task<NetworkInterfaceState> TryRecordAsync(NetworkInterfaceCommand command, string key, string correlationId, CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(correlationId, handling: command.GetType().Name);
        var stream = await unit.Documents.Events.FetchForWriting<NetworkInterfaceState>(key, cancellationToken);
        var state = stream.Aggregate ?? NetworkInterfaceState.Initial;

        // The node is checked in the same transaction, so an attach never completes on a node already released.
        if (command is CompleteInterfaceAttach complete)
        {
            command = complete with { NodeProblem = await CloudNodeAvailability.FindProblemAsync(unit.Documents, complete.Node, cancellationToken) };
        }

        var events = NetworkInterfaceDecider.Decide(state, command, unit.Now);
        if (events.Count == 0)
        {
            return state;
        }

        stream.AppendMany(events);
        var next = NetworkInterfaceDecider.Fold(state, events);
        if (NetworkInterfaceReplies.OnFinish(state, next) is { } reply)
        {
            unit.Publish(reply);
        }

        await unit.CommitAsync(cancellationToken);
        return next;
    }

    [LoggerMessage(EventId = LogEventIds.InterfaceRecorder + 1, Level = LogLevel.Information, Message = "Network interface {Stream} changed while its outcome was recorded (attempt {Attempt}), so the outcome is recorded again")]
    private static partial void LogConflict(ILogger logger, string stream, int attempt);

    [LoggerMessage(EventId = LogEventIds.InterfaceRecorder + 2, Level = LogLevel.Warning, Message = "Recording the outcome of network interface {Stream} failed (attempt {Attempt}) and is retried in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string stream, int attempt, TimeSpan delay);
}
