using System.Numerics;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Subnets;

/// <summary>Checks the network mode, racks, warm levels, block size and interfaces of a subnet specification.</summary>
public static class SubnetLayoutValidator
{
    /// <summary>The most free addresses a node may be asked to keep ready.</summary>
    public const int MaxWarmTarget = 4096;

    /// <summary>The most interfaces of one subnet a node may have.</summary>
    public const int MaxInterfacesPerNode = 64;

    /// <summary>The most secondary addresses one interface may hold.</summary>
    public const int MaxAddressesPerInterface = 256;

    /// <summary>
    /// Returns the canonical layout, adding every problem to <paramref name="errors"/> under the field's path.
    /// <paramref name="network"/> is null when the cidr itself is invalid; the checks that need it are then skipped.
    /// </summary>
    public static SubnetLayout? Validate(SubnetSpec spec, AddressBlock? network, IReadOnlyList<string> pools, IReadOnlyList<string> nodes, Dictionary<string, string[]> errors)
    {
        var mode = spec.Mode ?? NetworkModes.Macvlan;
        if (!NetworkModes.All.Contains(mode, StringComparer.Ordinal))
        {
            errors["spec.mode"] = [$"'{spec.Mode}' is not a network mode; use one of {string.Join(", ", NetworkModes.All)}."];
            return null;
        }

        var racks = ValidateRacks(mode, spec.Racks, network, errors);
        CheckMembers(mode, pools, nodes, errors);
        var warm = ValidateWarm(spec.Warm, errors);
        var interfaces = ValidateInterfaces(mode, spec.Interfaces, network, errors);
        var blockPrefixLength = ValidateBlockPrefixLength(spec.BlockPrefixLength, network, racks, interfaces, errors);
        return network is null || racks is null || warm is null || blockPrefixLength is null || (mode == NetworkModes.Eni && interfaces is null)
            ? null
            : new SubnetLayout(mode, racks, warm, blockPrefixLength.Value, interfaces);
    }

    private static void CheckMembers(string mode, IReadOnlyList<string> pools, IReadOnlyList<string> nodes, Dictionary<string, string[]> errors)
    {
        if (mode == NetworkModes.Underlay && (pools.Count > 0 || nodes.Count > 0))
        {
            errors[pools.Count > 0 ? "spec.pools" : "spec.nodes"] = ["An underlay subnet serves the nodes of its racks only, because an address works only in the rack that announces it; move the nodes to racks[].nodes and leave pools and nodes out."];
        }

        if (mode == NetworkModes.Eni && pools.Count > 0)
        {
            errors["spec.pools"] = ["An eni subnet serves the cloud nodes it lists, because each node's interfaces limit its addresses; list them in nodes and leave pools out."];
        }
    }

    private static List<RackBlock>? ValidateRacks(string mode, IReadOnlyList<RackSpec>? racks, AddressBlock? network, Dictionary<string, string[]> errors)
    {
        if (mode != NetworkModes.Underlay)
        {
            if (racks is { Count: > 0 })
            {
                errors["spec.racks"] = [$"racks apply only to underlay subnets; remove them, or set mode to {NetworkModes.Underlay}."];
                return null;
            }

            return [];
        }

        if (racks is null || racks.Count == 0)
        {
            errors["spec.racks"] = ["An underlay subnet needs at least one rack with its name, block and nodes, for example {name: rack-a, cidr: 10.0.0.0/26, nodes: [node-1]}."];
            return null;
        }

        var valid = new List<RackBlock>();
        var seenNodes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < racks.Count; index++)
        {
            var rack = racks[index];
            var field = $"spec.racks[{index}]";
            var problems = new List<string>();
            if (string.IsNullOrEmpty(rack.Name) || !SubnetSpecValidator.IsDnsLabel(rack.Name))
            {
                problems.Add($"name '{rack.Name}' is not a valid rack name; use lowercase letters, digits and '-'.");
            }
            else if (valid.Any(other => other.Name == rack.Name))
            {
                problems.Add($"rack '{rack.Name}' is listed twice; give each rack one entry.");
            }

            AddressBlock? block = null;
            if (!AddressBlock.TryParse(rack.Cidr, out block, out var cidrError))
            {
                problems.Add($"cidr: {cidrError}");
            }
            else if (network is not null && (block.Family != network.Family || block.First < network.First || block.Last > network.Last))
            {
                problems.Add($"cidr {block} is not inside the subnet {network}; choose a block within it.");
            }
            else if (valid.FirstOrDefault(other => AddressBlock.Parse(other.Cidr).Overlaps(block)) is { } overlapping)
            {
                problems.Add($"cidr {block} overlaps rack '{overlapping.Name}' ({overlapping.Cidr}); racks announce disjoint blocks.");
            }

            var rackNodes = (rack.Nodes ?? []).Where(node => !string.IsNullOrWhiteSpace(node)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (rackNodes.Count == 0)
            {
                problems.Add("nodes is empty; list the nodes in the rack, because only they may use its addresses.");
            }

            string? gateway = null;
            if (rack.Gateway is not null)
            {
                if (!AddressBlock.TryParseAddress(rack.Gateway, out var parsed, out var gatewayError))
                {
                    problems.Add($"gateway: {gatewayError}");
                }
                else if (block is null || !block.Contains(parsed) || (network is not null && !network.IsUsable(parsed)))
                {
                    problems.Add($"gateway {parsed} is not a usable address of the rack's block {rack.Cidr}; choose one inside it.");
                }
                else
                {
                    gateway = parsed.ToString();
                }
            }

            foreach (var node in rackNodes.Where(seenNodes.ContainsKey))
            {
                problems.Add($"node '{node}' is already in rack '{seenNodes[node]}'; a node sits in one rack.");
            }

            if (problems.Count > 0)
            {
                errors[field] = [.. problems];
                continue;
            }

            rackNodes.ForEach(node => seenNodes[node] = rack.Name!);
            valid.Add(new RackBlock(rack.Name!, block!.ToString(), rackNodes, gateway));
        }

        return valid.Count == racks.Count ? [.. valid.OrderBy(rack => rack.Name, StringComparer.Ordinal)] : null;
    }

    private static WarmLevels? ValidateWarm(WarmSpec? warm, Dictionary<string, string[]> errors)
    {
        if (warm is null)
        {
            return WarmLevels.Default;
        }

        var target = warm.Target ?? Math.Max(WarmLevels.Default.Target, warm.Minimum ?? 0);
        var minimum = warm.Minimum ?? Math.Min(WarmLevels.Default.Minimum, target);
        var outOfRange = new[] { ("minimum", minimum), ("target", target) }.Where(level => level.Item2 < 0 || level.Item2 > MaxWarmTarget).ToList();
        foreach (var (field, value) in outOfRange)
        {
            errors[$"spec.warm.{field}"] = [$"{field} {value} must be a whole number from 0 to {MaxWarmTarget}."];
        }

        if (outOfRange.Count > 0)
        {
            return null;
        }

        if (minimum > target)
        {
            errors["spec.warm.minimum"] = [$"minimum {minimum} is above target {target}; a node refills up to the target once it falls below the minimum, so keep minimum at or below target."];
            return null;
        }

        return new WarmLevels(minimum, target);
    }

    private static InterfaceLimits? ValidateInterfaces(string mode, InterfaceSpec? interfaces, AddressBlock? network, Dictionary<string, string[]> errors)
    {
        if (mode != NetworkModes.Eni)
        {
            if (interfaces is not null)
            {
                errors["spec.interfaces"] = [$"interfaces apply only to eni subnets; remove them, or set mode to {NetworkModes.Eni}."];
            }

            return null;
        }

        if (interfaces?.MaxPerNode is not { } maxPerNode || interfaces.AddressesPerInterface is not { } perInterface)
        {
            errors["spec.interfaces"] = ["An eni subnet needs interfaces.maxPerNode and interfaces.addressesPerInterface, as the cloud's instance type allows, for example {maxPerNode: 4, addressesPerInterface: 16}."];
            return null;
        }

        var problems = new Dictionary<string, string[]>();
        if (maxPerNode is < 1 or > MaxInterfacesPerNode)
        {
            problems["spec.interfaces.maxPerNode"] = [$"maxPerNode {maxPerNode} must be from 1 to {MaxInterfacesPerNode}."];
        }

        if (perInterface is < 1 or > MaxAddressesPerInterface || !BitOperations.IsPow2(perInterface))
        {
            problems["spec.interfaces.addressesPerInterface"] = [$"addressesPerInterface {perInterface} must be a power of two from 1 to {MaxAddressesPerInterface}, because each interface holds one aligned block of that size, as cloud prefix delegation does."];
        }
        else if (network is not null && (UInt128)perInterface > network.Last - network.First + 1)
        {
            problems["spec.interfaces.addressesPerInterface"] = [$"addressesPerInterface {perInterface} is more than the {network.Last - network.First + 1} addresses of {network}; choose a smaller interface or a wider subnet."];
        }

        foreach (var problem in problems)
        {
            errors[problem.Key] = problem.Value;
        }

        return problems.Count == 0 ? new InterfaceLimits(maxPerNode, perInterface) : null;
    }

    private static int? ValidateBlockPrefixLength(int? requested, AddressBlock? network, List<RackBlock>? racks, InterfaceLimits? interfaces, Dictionary<string, string[]> errors)
    {
        if (network is null)
        {
            return null;
        }

        var bits = network.Family == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var narrowest = racks is { Count: > 0 } ? racks.Max(rack => AddressBlock.Parse(rack.Cidr).PrefixLength) : network.PrefixLength;
        if (interfaces is not null)
        {
            var derived = bits - BitOperations.Log2((uint)interfaces.AddressesPerInterface);
            if (requested is not null && requested != derived)
            {
                errors["spec.blockPrefixLength"] = [$"blockPrefixLength {requested} does not match interfaces of {interfaces.AddressesPerInterface} addresses, which need /{derived}; leave it out in an eni subnet."];
                return null;
            }

            return derived;
        }

        if (requested is null)
        {
            return Math.Max(SubnetLayout.DefaultBlockPrefixLength(network), narrowest);
        }

        if (requested < narrowest || requested > bits)
        {
            var scope = racks is { Count: > 0 } ? "the narrowest rack" : "the subnet";
            errors["spec.blockPrefixLength"] = [$"blockPrefixLength {requested} must be from {narrowest} ({scope}) to {bits}; a node block must fit in {scope}."];
            return null;
        }

        return requested;
    }
}
