using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Provisioner.Instances;

/// <summary>Folds an instance's stream into <see cref="InstanceState"/> with <see cref="InstanceDecider.Evolve"/> when it is fetched for writing.</summary>
public sealed class InstanceStateProjection : SingleStreamProjection<InstanceState, string>
{
    /// <inheritdoc />
    public override InstanceState Evolve(InstanceState? snapshot, string id, IEvent e) =>
        InstanceDecider.Evolve(snapshot ?? InstanceState.Initial, e.Data) with { Id = id };
}
