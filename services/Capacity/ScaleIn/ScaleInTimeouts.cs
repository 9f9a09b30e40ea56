using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.ScaleIn;

/// <summary>The timeouts a scale-in decision needs, gathered from both option classes so the decider stays pure.</summary>
/// <param name="Backend">Added to the drain timeout for the load balancer's reply.</param>
/// <param name="InstanceStop">The provisioner's reply to a stop.</param>
/// <param name="Address">Ipam's reply to a release.</param>
public sealed record ScaleInTimeouts(TimeSpan Backend, TimeSpan InstanceStop, TimeSpan Address)
{
    /// <summary>The defaults of both option classes.</summary>
    public static ScaleInTimeouts Default { get; } = From(new SagaOptions(), new ScaleInOptions());

    /// <summary>Takes the timeouts from the bound options.</summary>
    public static ScaleInTimeouts From(SagaOptions saga, ScaleInOptions scaleIn) =>
        new(saga.BackendTimeout, scaleIn.InstanceStopTimeout, saga.AddressTimeout);
}
