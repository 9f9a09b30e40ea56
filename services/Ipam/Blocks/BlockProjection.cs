using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Ipam.Blocks;

/// <summary>Stores each node block's state as a <see cref="BlockState"/> document, built by <see cref="BlockDecider.Evolve"/>.</summary>
public sealed class BlockProjection : SingleStreamProjection<BlockState, string>
{
    /// <inheritdoc />
    public override BlockState? Evolve(BlockState? snapshot, string id, IEvent e) => BlockDecider.Evolve(snapshot, e.Data);
}
