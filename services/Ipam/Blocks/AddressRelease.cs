namespace Surge.Ipam.Blocks;

/// <summary>When an address of a block was last released, and from which instance.</summary>
public sealed record AddressRelease(string Address, Guid InstanceId, DateTimeOffset At);
