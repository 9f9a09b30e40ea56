using Messages = Surge.Contracts.Instances;

namespace Surge.Provisioner.Instances;

/// <summary>Maps update events, and update requests that caused none, to the replies the requesting saga expects.</summary>
public static class InstanceUpdateReplies
{
    /// <summary>
    /// Returns <see cref="Messages.InstanceUpdated"/> or <see cref="Messages.InstanceUpdateFailed"/> for an update outcome
    /// event, addressed to the saga that requested the update, or null for any other event.
    /// </summary>
    public static object? For(object @event) => @event switch
    {
        InstanceUpdated updated => new Messages.InstanceUpdated(updated.SagaId, updated.InstanceId, updated.Image, updated.Endpoint),
        InstanceUpdateFailed failed => new Messages.InstanceUpdateFailed(failed.SagaId, failed.InstanceId, failed.Image, failed.Reason),
        _ => null,
    };

    /// <summary>
    /// Returns the reply to an update request that caused no events in <paramref name="state"/>: updated at once when the
    /// instance runs the image already, nothing while an update to that image is in progress (its outcome is the reply),
    /// and a failure otherwise.
    /// </summary>
    public static object? ForRequest(InstanceState state, RequestUpdate request)
    {
        if (state.Status == InstanceStatus.Started && state.Update is null && state.Image == request.Image)
        {
            return new Messages.InstanceUpdated(request.SagaId, request.InstanceId, state.Image, state.Endpoint!);
        }

        if (state.Status == InstanceStatus.Started && state.Update?.Image == request.Image)
        {
            return null;
        }

        return new Messages.InstanceUpdateFailed(request.SagaId, request.InstanceId, request.Image, Reason(state, request));
    }

    private static string Reason(InstanceState state, RequestUpdate request) => state switch
    {
        _ when string.IsNullOrWhiteSpace(request.Image) =>
            $"The update of instance {request.InstanceId} names no image. Send UpdateInstances with an image.",
        { Status: InstanceStatus.None } =>
            $"Instance {request.InstanceId} is unknown, so it cannot be updated. Update only instances that DescribeServiceInstances lists.",
        { Status: InstanceStatus.Started, Update: { } update } =>
            $"Instance {request.InstanceId} is being updated to {update.Image}, so it cannot be updated to {request.Image} now. Request the update again after that one finished.",
        _ =>
            $"Instance {request.InstanceId} is {state.Status}, not running, so it cannot be updated in place. Update only instances that DescribeServiceInstances lists.",
    };
}
