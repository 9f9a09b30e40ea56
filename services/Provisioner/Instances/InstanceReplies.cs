using Messages = Surge.Contracts.Instances;

namespace Surge.Provisioner.Instances;

/// <summary>Maps an instance's state to the reply its saga expects.</summary>
public static class InstanceReplies
{
    /// <summary>
    /// Returns <see cref="Messages.InstanceStarted"/> for a started instance and <see cref="Messages.InstanceStartFailed"/>
    /// for one that failed, was stopped or was lost, or null while the instance is still starting or unknown.
    /// </summary>
    public static object? For(InstanceState state) => state.Status switch
    {
        InstanceStatus.Started => new Messages.InstanceStarted(state.SagaId, state.InstanceId, state.Endpoint!),
        InstanceStatus.StartFailed => new Messages.InstanceStartFailed(state.SagaId, state.InstanceId, state.FailureReason!),
        InstanceStatus.Stopped => new Messages.InstanceStartFailed(
            state.SagaId,
            state.InstanceId,
            $"Instance {state.InstanceId} was stopped ({state.StopReason}) and cannot start again. Request a new instance id."),
        InstanceStatus.Lost => new Messages.InstanceStartFailed(
            state.SagaId,
            state.InstanceId,
            $"Instance {state.InstanceId} was lost ({state.LossReason}) and cannot start again. Request a new instance id."),
        _ => null,
    };
}
