namespace Surge.Cli.Http;

/// <summary>A subnet as <c>GET /api/ipam/subnets</c> returns it, with the fields surge-cli prints.</summary>
/// <param name="Conflicts">The number of open address conflicts in the subnet.</param>
internal sealed record SubnetView(string Name, string Cidr, SubnetLayoutView Layout, SubnetUtilisationView Utilisation, int Conflicts);

/// <summary>A subnet's layout, of which surge-cli prints the network mode: <c>macvlan</c>, <c>underlay</c> or <c>eni</c>.</summary>
internal sealed record SubnetLayoutView(string Mode);

/// <summary>A subnet's address counts.</summary>
/// <param name="Usable">Usable addresses as a decimal string, because an IPv6 subnet can exceed a 64-bit number.</param>
/// <param name="Warm">Free addresses in the nodes' ready blocks.</param>
/// <param name="Free">Usable addresses neither allocated nor in quarantine, as a decimal string.</param>
internal sealed record SubnetUtilisationView(string Usable, int Allocated, int Quarantined, int Warm, string Free);
