namespace Surge.Gateway.Invariants;

/// <summary>An instance as Provisioner's <c>GET /instances</c> returns it, reduced to what the invariant checker reads.</summary>
/// <param name="Status">Requested, Started, StartFailed or Stopped.</param>
/// <param name="Endpoint">The URL the instance serves HTTP at, once it started.</param>
public sealed record InstanceRecord(Guid InstanceId, Guid SagaId, string Service, string Node, string Address, string Status, string? Endpoint)
{
    /// <summary>Whether the instance runs and serves HTTP.</summary>
    public bool IsStarted => Status == "Started";

    /// <summary>Whether the instance runs or is still starting, so it may hold an address and a reservation.</summary>
    public bool IsLive => Status is "Started" or "Requested";
}
