using Surge.Contracts.Scaling;

namespace Surge.Capacity.ScaleOut;

/// <summary>Builds the <see cref="ScaleOutFinished"/> that reports to a requesting saga how its scale-out ended.</summary>
public static class ScaleOutFinishReport
{
    /// <summary>Returns the report for a finished saga that another saga requested, or null for any other saga.</summary>
    public static ScaleOutFinished? For(ScaleOutState state)
    {
        if (!state.IsFinished || state.Trigger.RequesterSagaId is not { } requester)
        {
            return null;
        }

        var completed = state.Status is ScaleOutStatus.Completed or ScaleOutStatus.PartiallyCompleted;
        IReadOnlyList<ScaledOutInstance> instances = completed
            ? [.. state.Instances.Where(i => i.Ready).Select(i => new ScaledOutInstance(i.InstanceId, i.Node, i.Address!, i.Endpoint!, state.Shape.Image))]
            : [];
        var reason = state.Status == ScaleOutStatus.Completed ? null : state.FailureReason ?? $"The scale-out saga ended as {state.Status}.";
        return new ScaleOutFinished(requester, state.SagaId, state.Service, state.Status.ToString(), instances, reason);
    }
}
