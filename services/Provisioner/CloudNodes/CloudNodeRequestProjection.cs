using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Provisioner.CloudNodes;

/// <summary>Folds a request's stream into <see cref="CloudNodeRequestState"/> with <see cref="CloudNodeDecider.Evolve"/> when it is fetched for writing.</summary>
public sealed class CloudNodeRequestProjection : SingleStreamProjection<CloudNodeRequestState, string>
{
    /// <inheritdoc />
    public override CloudNodeRequestState Evolve(CloudNodeRequestState? snapshot, string id, IEvent e) =>
        CloudNodeDecider.Evolve(snapshot ?? CloudNodeRequestState.Initial, e.Data) with { Id = id };
}
