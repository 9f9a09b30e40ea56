using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>Folds an interface's stream into <see cref="NetworkInterfaceState"/> with <see cref="NetworkInterfaceDecider.Evolve"/> when it is fetched for writing.</summary>
public sealed class NetworkInterfaceStateProjection : SingleStreamProjection<NetworkInterfaceState, string>
{
    /// <inheritdoc />
    public override NetworkInterfaceState Evolve(NetworkInterfaceState? snapshot, string id, IEvent e) =>
        NetworkInterfaceDecider.Evolve(snapshot ?? NetworkInterfaceState.Initial, e.Data) with { Id = id };
}
