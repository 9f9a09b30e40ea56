using Surge.Capacity.AlertPolicies;

namespace Surge.Capacity.Incidents;

/// <summary>What an alarm-driven scale-out requests from the load balancer while its instances come up.</summary>
/// <param name="WhileScaling">Switch degradation on from the saga's first step until the new instances serve.</param>
/// <param name="MaxTimeToCapacity">Switch it on as well when the instances are expected to take longer than this to serve.</param>
public sealed record DegradeRequest(bool WhileScaling, TimeSpan? MaxTimeToCapacity)
{
    /// <summary>Returns the request a policy's degrade settings make, or null when the policy never degrades.</summary>
    public static DegradeRequest? From(DegradeSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        TimeSpan? limit = Durations.TryParse(settings.MaxTimeToCapacity, out var parsed) ? parsed : null;
        return settings.WhileScaling || limit is not null ? new DegradeRequest(settings.WhileScaling, limit) : null;
    }
}
