using System.Text.Json.Serialization;

namespace Surge.Ipam.Blocks;

/// <summary>
/// A change of one node block. Blocks have no streams of their own: a subnet's block changes are recorded together in
/// its address ledger, see <see cref="BlockChanges"/>, where the <c>kind</c> field identifies each type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(BlockOpened), "opened")]
[JsonDerivedType(typeof(AddressAllocated), "allocated")]
[JsonDerivedType(typeof(AddressReleased), "released")]
[JsonDerivedType(typeof(AddressReclaimed), "reclaimed")]
[JsonDerivedType(typeof(AllocatedInstanceMissing), "missing")]
[JsonDerivedType(typeof(AllocatedInstanceSeenAgain), "seenAgain")]
[JsonDerivedType(typeof(BlockClosed), "closed")]
public abstract record BlockEvent;

/// <summary>The first change of a claimed block, recorded together with the subnet's <see cref="Subnets.AddressBlockClaimed"/>; it starts the block afresh.</summary>
public sealed record BlockOpened(string Subnet, string Cidr, string Node) : BlockEvent;

/// <summary>
/// The block went back to the subnet, recorded together with the subnet's <see cref="Subnets.AddressBlockReleased"/>
/// or <see cref="Subnets.AddressBlocksReleased"/>. It held no allocated or quarantined address; a later
/// <see cref="BlockOpened"/> claims it again.
/// </summary>
public sealed record BlockClosed(string Subnet, string Cidr, string Reason) : BlockEvent;

/// <summary>An address of the block was given to an instance.</summary>
/// <param name="SagaId">The saga that asked for it; empty when reconciliation gave the address back to the instance using it.</param>
/// <param name="Node">The node the instance runs on.</param>
public sealed record AddressAllocated(string Address, Guid InstanceId, Guid SagaId, string Node, DateTimeOffset AllocatedAt) : BlockEvent;

/// <summary>An instance gave its address back; it is free again once its quarantine ends.</summary>
/// <param name="QuarantinedUntil">Until when no instance may get the address, so stale caches of it expire; null for no quarantine.</param>
/// <param name="At">When the address was released; null in events recorded before it was kept.</param>
public sealed record AddressReleased(string Address, Guid InstanceId, string Reason, DateTimeOffset? QuarantinedUntil = null, DateTimeOffset? At = null) : BlockEvent;

/// <summary>
/// A provider reported a live instance using an address Ipam held for nobody, so the address was recorded as that
/// instance's again instead of being given to another one.
/// </summary>
public sealed record AddressReclaimed(string Address, Guid InstanceId, string Node, DateTimeOffset At, string Reason) : BlockEvent;

/// <summary>The providers reported no instance with this allocation, on a node they could reach.</summary>
public sealed record AllocatedInstanceMissing(string Address, Guid InstanceId, DateTimeOffset Since) : BlockEvent;

/// <summary>An instance reported missing was reported running again, so its address stays.</summary>
public sealed record AllocatedInstanceSeenAgain(string Address, Guid InstanceId, DateTimeOffset At) : BlockEvent;
