using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Recording;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Records the outcome of work on cloud nodes that did not come from a message (a node that joined, a failed operation)
/// in a unit of work of its own, together with the reply the saga expects when the outcome finishes the request.
/// </summary>
public sealed partial class CloudNodeRecorder(OutboxSessionFactory sessions, ServiceDefaults.Storage.DatabaseOutageRetry outage, ILogger<CloudNodeRecorder> logger)
{
    /// <summary>
    /// Decides <paramref name="command"/> against the request's current state and commits the events and the reply.
    /// Returns the state after the commit, which is the state found when the command caused no events.
    /// </summary>
    /// <remarks>
    /// A version conflict or a database error is retried with back-off, and after the last attempt the error is thrown.
    /// An unreachable database is waited out for <c>Messaging:DatabaseOutageRetry</c>.
    /// </remarks>
    public async Task<CloudNodeRequestState> RecordAsync(CloudNodeCommand command, string correlationId, CancellationToken cancellationToken)
    {
        return await RecordingRetry.RunAsync(
            outage,
            () => TryRecordAsync(command, correlationId, cancellationToken),
            attempt => LogConflict(logger, command.RequestId, attempt),
            (exception, attempt, delay) => LogRetrying(logger, exception, command.RequestId, attempt, delay),
            cancellationToken);
    }

    private async Task<CloudNodeRequestState> TryRecordAsync(CloudNodeCommand command, string correlationId, CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(correlationId, handling: command.GetType().Name);
        var stream = await unit.Documents.Events.FetchForWriting<CloudNodeRequestState>(CloudNodeStream.Key(command.RequestId), cancellationToken);
        var state = stream.Aggregate ?? CloudNodeRequestState.Initial;

        var events = CloudNodeDecider.Decide(state, command, unit.Now);
        if (events.Count == 0)
        {
            return state;
        }

        stream.AppendMany(events);
        var next = CloudNodeDecider.Fold(state, events);
        if (CloudNodeReplies.OnFinish(state, next) is { } reply)
        {
            unit.Publish(reply);
        }

        await unit.CommitAsync(cancellationToken);
        return next;
    }

    [LoggerMessage(EventId = LogEventIds.NodeRecorder + 1, Level = LogLevel.Information, Message = "Cloud node request {RequestId} changed while an outcome was recorded (attempt {Attempt}), so the outcome is recorded again")]
    private static partial void LogConflict(ILogger logger, Guid requestId, int attempt);

    [LoggerMessage(EventId = LogEventIds.NodeRecorder + 2, Level = LogLevel.Warning, Message = "Recording an outcome of cloud node request {RequestId} failed (attempt {Attempt}) and is retried in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid requestId, int attempt, TimeSpan delay);
}
