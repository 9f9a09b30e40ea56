using Surge.Provisioner.Instances;
using Surge.Provisioner.Recording;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.Starting;

/// <summary>
/// Records the outcome of work on an instance that did not come from a message (a finished start or update, a lost listener) in
/// a unit of work of its own, together with the reply the saga expects.
/// </summary>
public sealed partial class InstanceRecorder(OutboxSessionFactory sessions, ServiceDefaults.Storage.DatabaseOutageRetry outage, ILogger<InstanceRecorder> logger)
{
    /// <summary>
    /// Decides <paramref name="command"/> against the instance's current state and commits the events and the reply.
    /// Returns false when the command caused no events, for example because the instance was stopped meanwhile.
    /// </summary>
    /// <remarks>
    /// A version conflict or a database error is retried with back-off, and after the last attempt the error is thrown.
    /// An unreachable database is waited out for <c>Messaging:DatabaseOutageRetry</c>.
    /// </remarks>
    public async Task<bool> RecordAsync(InstanceCommand command, string correlationId, CancellationToken cancellationToken)
    {
        return await RecordingRetry.RunAsync(
            outage,
            () => TryRecordAsync(command, correlationId, cancellationToken),
            attempt => LogConflict(logger, command.InstanceId, attempt),
            (exception, attempt, delay) => LogRetrying(logger, exception, command.InstanceId, attempt, delay),
            cancellationToken);
    }

    private async Task<bool> TryRecordAsync(InstanceCommand command, string correlationId, CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(correlationId, handling: command.GetType().Name);
        var stream = await unit.Documents.Events.FetchForWriting<InstanceState>(InstanceStream.Key(command.InstanceId), cancellationToken);
        var state = stream.Aggregate ?? InstanceState.Initial;

        var events = InstanceDecider.Decide(state, command, unit.Now);
        if (events.Count == 0)
        {
            return false;
        }

        stream.AppendMany(events);

        // The outcome of an update is the reply to the saga that requested the update, not to the one that started the instance.
        if (command is not (CompleteUpdate or FailUpdate) && InstanceReplies.For(InstanceDecider.Fold(state, events)) is { } reply)
        {
            unit.Publish(reply);
        }

        foreach (var updateReply in events.Select(InstanceUpdateReplies.For).OfType<object>())
        {
            unit.Publish(updateReply);
        }

        await unit.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = LogEventIds.Recorder + 1, Level = LogLevel.Information, Message = "Instance {InstanceId} changed while its outcome was recorded (attempt {Attempt}), so the outcome is recorded again")]
    private static partial void LogConflict(ILogger logger, Guid instanceId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Recorder + 2, Level = LogLevel.Warning, Message = "Recording the outcome of instance {InstanceId} failed (attempt {Attempt}) and is retried in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid instanceId, int attempt, TimeSpan delay);
}
