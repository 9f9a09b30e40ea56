namespace Surge.Ipam.Subnets;

/// <summary>How many addresses of a subnet can be handed out and how many are.</summary>
/// <param name="Usable">Usable addresses, without the network, broadcast and gateway addresses, as a decimal string because an IPv6 subnet can hold more than a JSON number carries exactly.</param>
/// <param name="Allocated">Addresses currently allocated to instances.</param>
/// <param name="Free">Usable addresses not allocated, as a decimal string.</param>
public sealed record SubnetUtilisation(string Usable, int Allocated, string Free)
{
    /// <summary>Computes the utilisation of the subnet without enumerating its addresses.</summary>
    public static SubnetUtilisation Of(Subnet subnet)
    {
        var usable = subnet.CountUsableAddresses();
        var allocated = subnet.Allocations.Count;
        return new SubnetUtilisation(usable.ToString(), allocated, (usable - (UInt128)allocated).ToString());
    }
}
