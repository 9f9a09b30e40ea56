namespace Surge.Ipam.Subnets;

/// <summary>A node on which the refill asks for no new interface before <paramref name="Until"/>, because its last attach failed.</summary>
public sealed record PausedClaim(string Node, DateTimeOffset Until);
