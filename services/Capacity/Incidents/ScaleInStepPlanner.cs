using Surge.Capacity.AlertPolicies;
using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.Incidents;

/// <summary>
/// Plans the next scale-in step of a resolved incident. Pure. A step removes at most the policy's step size, never
/// more than the instances the incident's own scale-out added, and never below the minimum, so the service comes
/// down in steps and never straight to its minimum.
/// </summary>
public static class ScaleInStepPlanner
{
    /// <summary>Plans the step due now.</summary>
    /// <param name="policy">The policy's current spec; null when the policy was removed.</param>
    /// <param name="scaleOut">The incident's scale-out saga; null when it has none.</param>
    /// <param name="runningInstances">The service's instances that no scale-in is removing yet.</param>
    /// <param name="minimum">The higher of the policy's and the service's minimum.</param>
    public static ScaleInStep Plan(IncidentState incident, AlertPolicySpec? policy, ScaleOutState? scaleOut, int runningInstances, int minimum, DateTimeOffset now)
    {
        if (policy is null)
        {
            return new ScaleInStep.Finish($"Policy {incident.Policy} was removed; its incident scales nothing in.");
        }

        var period = policy.ScaleInOrDefault.Period;
        if (scaleOut is null)
        {
            return new ScaleInStep.Finish("The incident has no scale-out saga; nothing to scale in.");
        }

        if (!scaleOut.IsFinished)
        {
            return new ScaleInStep.Wait($"The incident's scale-out saga is still {scaleOut.Status}; scale-in waits for it to finish.", now + period);
        }

        var added = scaleOut.Status is ScaleOutStatus.Completed or ScaleOutStatus.PartiallyCompleted ? scaleOut.Instances.Count(instance => instance.Ready) : 0;
        var remaining = added - incident.RemovedCount;
        if (remaining <= 0)
        {
            return new ScaleInStep.Finish(added == 0
                ? $"The incident's scale-out ended {scaleOut.Status} without adding instances; nothing to scale in."
                : $"Scale-in is done: the steps asked to remove the {added} instances the incident added.");
        }

        var room = runningInstances - minimum;
        if (room <= 0)
        {
            return new ScaleInStep.Finish($"{incident.Service} has {runningInstances} instances, at its minimum of {minimum}; scale-in stops there.");
        }

        var count = Math.Min(policy.ScaleInOrDefault.StepSize.InstancesFor(runningInstances), Math.Min(remaining, room));
        return new ScaleInStep.Remove(count, runningInstances, now + period);
    }
}
