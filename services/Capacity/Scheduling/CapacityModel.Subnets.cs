using Surge.Capacity.Addresses;

namespace Surge.Capacity.Scheduling;

public sealed partial class CapacityModel
{
    private void ApplySubnet(SubnetAddressesRecorded report)
    {
        if (!subnets.TryGetValue(report.Subnet, out var subnet))
        {
            subnets[report.Subnet] = subnet = new ModelSubnet(report.Subnet);
        }

        var pools = new HashSet<string>(report.Pools, StringComparer.Ordinal);
        var nodes = new HashSet<string>(report.Nodes, StringComparer.Ordinal);
        var membershipChanged = !pools.SetEquals(subnet.Pools) || !nodes.SetEquals(subnet.Nodes);
        subnet.Pools = pools;
        subnet.Nodes = nodes;
        subnet.Usable = report.UsableAddresses;
        subnet.Taken = report.TakenAddresses;
        subnet.IpamVersion = report.IpamVersion;
        if (membershipChanged)
        {
            Recharge();
        }
    }

    // Which subnets serve which node changed, so each reservation is charged again, in a fixed order so every replica
    // of the model ends up with the same charges.
    private void Recharge()
    {
        foreach (var subnet in subnets.Values)
        {
            subnet.Charged = 0;
        }

        foreach (var node in Nodes.Values.OrderBy(node => node.Name, StringComparer.Ordinal))
        {
            node.ServingSubnets = ServingSubnets(node);
            foreach (var reservation in node.Reservations.Values.OrderBy(r => r.InstanceId).ToList())
            {
                var charged = ChargeAddress(node);
                node.Reservations[reservation.InstanceId] = reservation with { Subnet = charged?.Name };
                if (charged is not null)
                {
                    charged.Charged++;
                }
            }
        }
    }

    // The order Ipam tries subnets in: those naming the node first, then those serving its pool, each group by name.
    private List<ModelSubnet> ServingSubnets(ModelNode node) =>
    [
        .. subnets.Values.Where(subnet => subnet.Nodes.Contains(node.Name)),
        .. subnets.Values.Where(subnet => !subnet.Nodes.Contains(node.Name) && subnet.Pools.Contains(node.Spec.Pool)),
    ];
}
