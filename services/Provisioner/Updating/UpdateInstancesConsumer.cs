using Surge.Contracts.Instances;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Querying;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Provisioner.Updating;

/// <summary>
/// Records an in-place update for each listed instance that runs another image, and updates it in the background after
/// the commit, so the update's outcome is the reply. An instance that runs the image already is reported updated at once.
/// One whose update to the image is in progress gets its reply when the update ends. Any other instance is reported failed.
/// </summary>
public sealed partial class UpdateInstancesConsumer(ConsumerServices services, InstanceUpdater updater, ILogger<UpdateInstancesConsumer> logger)
    : SagaMessageConsumer<UpdateInstances>(services)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(UpdateInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var updates = new List<InstanceUpdate>();
        foreach (var instanceId in message.InstanceIds.Distinct())
        {
            if (await RequestAsync(message, instanceId, unit, cancellationToken) is { } update)
            {
                updates.Add(update);
            }
        }

        if (updates.Count > 0)
        {
            unit.Documents.Listeners.Add(new UpdateAfterCommit(updater, updates));
        }
    }

    private async Task<InstanceUpdate?> RequestAsync(UpdateInstances message, Guid instanceId, OutboxSession unit, CancellationToken cancellationToken)
    {
        var key = InstanceStream.Key(instanceId);
        var stream = await unit.Documents.Events.FetchForWriting<InstanceState>(key, cancellationToken);
        var state = stream.Aggregate ?? InstanceState.Initial;
        var request = new RequestUpdate(instanceId, message.SagaId, message.Image);

        var events = InstanceDecider.Decide(state, request, unit.Now);
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            LogRequested(logger, instanceId, state.Image, message.Image);
            return await PrepareAsync(key, state.Endpoint!, message.Image, unit, cancellationToken);
        }

        if (InstanceUpdateReplies.ForRequest(state, request) is { } reply)
        {
            unit.Publish(reply);
            LogAnswered(logger, instanceId, message.Image, reply.GetType().Name);
            return null;
        }

        // An update in progress whose run no longer exists here (recording its outcome failed) is run again.
        if (updater.IsUpdating(instanceId))
        {
            LogStillUpdating(logger, instanceId, message.Image);
            return null;
        }

        LogResuming(logger, instanceId, message.Image);
        return await PrepareAsync(key, state.Endpoint!, message.Image, unit, cancellationToken);
    }

    private static async Task<InstanceUpdate?> PrepareAsync(string key, string endpoint, string image, OutboxSession unit, CancellationToken cancellationToken)
    {
        var view = await unit.Documents.LoadAsync<InstanceView>(key, cancellationToken);
        return view is null
            ? null
            : new InstanceUpdate(InstanceLaunch.From(view) with { Image = image, CorrelationId = unit.CorrelationId }, endpoint);
    }

    [LoggerMessage(EventId = LogEventIds.UpdateConsumer + 1, Level = LogLevel.Information, Message = "Instance {InstanceId} is to be updated in place from image {CurrentImage} to {Image}")]
    private static partial void LogRequested(ILogger logger, Guid instanceId, string currentImage, string image);

    [LoggerMessage(EventId = LogEventIds.UpdateConsumer + 2, Level = LogLevel.Information, Message = "Update of instance {InstanceId} to image {Image} answered at once with {Reply}")]
    private static partial void LogAnswered(ILogger logger, Guid instanceId, string image, string reply);

    [LoggerMessage(EventId = LogEventIds.UpdateConsumer + 3, Level = LogLevel.Information, Message = "Instance {InstanceId} was asked again for image {Image} and is still updating, so its reply follows when it is ready")]
    private static partial void LogStillUpdating(ILogger logger, Guid instanceId, string image);

    [LoggerMessage(EventId = LogEventIds.UpdateConsumer + 4, Level = LogLevel.Warning, Message = "Instance {InstanceId} was asked again for image {Image} and its update is pending, but no update of it runs, so it is run again")]
    private static partial void LogResuming(ILogger logger, Guid instanceId, string image);
}
