namespace Surge.Ipam.Subnets;

/// <summary>Create the subnet, or replace its definition.</summary>
public sealed record DefineSubnet(string Name, SubnetDefinition Definition);
