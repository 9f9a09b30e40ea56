using Surge.Contracts.Scaling;

namespace Surge.Capacity.ScaleIn;

/// <summary>Builds the <see cref="ScaleInFinished"/> that reports to a requesting saga how its scale-in ended.</summary>
public static class ScaleInFinishReport
{
    /// <summary>Returns the report for a finished saga that another saga requested, or null for any other saga.</summary>
    public static ScaleInFinished? For(ScaleInState state)
    {
        if (!state.IsFinished || state.RequesterSagaId is not { } requester)
        {
            return null;
        }

        var removed = state.Victims.Where(victim => victim.Stage == VictimStage.Removed).Select(victim => victim.InstanceId).ToList();
        var reason = removed.Count == state.Victims.Count
            ? null
            : string.Join(" ", state.FailedSteps.Select(failed => $"{failed.Step}: {failed.Reason}").DefaultIfEmpty($"The scale-in saga ended as {state.Status} with {removed.Count} of {state.Victims.Count} instances removed."));
        return new ScaleInFinished(requester, state.SagaId, state.Service, state.Status.ToString(), removed, reason);
    }
}
