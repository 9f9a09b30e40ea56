namespace Surge.Capacity.AlertPolicies;

/// <summary>How many instances a matched alert adds: a fixed count, or a percentage of the instances the service has.</summary>
/// <param name="By">A fixed number of instances.</param>
/// <param name="Percent">A percentage of the current instance count, rounded up, at least one instance.</param>
public sealed record ScaleOutAction(int? By = null, int? Percent = null)
{
    /// <summary>Returns the instances to add to a service that has <paramref name="currentInstances"/>.</summary>
    public int InstancesFor(int currentInstances) => InstanceSteps.Of(By, Percent, currentInstances);
}
