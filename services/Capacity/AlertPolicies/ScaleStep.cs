namespace Surge.Capacity.AlertPolicies;

/// <summary>How many instances one scale-in step removes: a fixed count, or a percentage of the instances the service has.</summary>
/// <param name="By">A fixed number of instances.</param>
/// <param name="Percent">A percentage of the current instance count, rounded up, at least one instance.</param>
public sealed record ScaleStep(int? By = null, int? Percent = null)
{
    /// <summary>Returns the instances one step removes from a service that has <paramref name="currentInstances"/>.</summary>
    public int InstancesFor(int currentInstances) => InstanceSteps.Of(By, Percent, currentInstances);
}
