using System.Text.RegularExpressions;
using Surge.Ipam.Addressing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Subnets;

/// <summary>Checks a subnet specification and brings it to canonical form.</summary>
public static partial class SubnetSpecValidator
{
    /// <summary>The longest subnet name, the limit of a DNS label.</summary>
    public const int MaxNameLength = 63;

    /// <summary>The longest pool or node name, the limit of a DNS name.</summary>
    public const int MaxMemberLength = 253;

    /// <summary>
    /// Returns the canonical definition, or throws <see cref="RequestValidationException"/> listing every invalid field.
    /// <paramref name="otherSubnets"/> maps the name of each other subnet to its cidr, for the overlap check.
    /// </summary>
    public static SubnetDefinition Validate(string name, SubnetSpec spec, IReadOnlyDictionary<string, string> otherSubnets)
    {
        var errors = new Dictionary<string, string[]>();
        AddIfInvalid(errors, "name", ValidateName(name));

        AddressBlock? block = null;
        if (string.IsNullOrWhiteSpace(spec.Cidr))
        {
            errors["spec.cidr"] = ["cidr is missing; give the network in CIDR notation, for example 10.0.0.0/24 or fd00::/64."];
        }
        else if (!AddressBlock.TryParse(spec.Cidr, out block, out var cidrError))
        {
            errors["spec.cidr"] = [cidrError];
        }
        else if (block.OverlapsIpv4Mapped)
        {
            errors["spec.cidr"] = [$"{block} overlaps ::ffff:0:0/96, the IPv4-mapped range, whose addresses are IPv4 addresses in IPv6 spelling; use the IPv4 network itself, or an IPv6 range outside ::ffff:0:0/96."];
            block = null;
        }
        else
        {
            AddIfInvalid(errors, "spec.cidr", FindOverlaps(block, otherSubnets));
        }

        var gateway = spec.Gateway is null ? null : ValidateGateway(spec.Gateway, block, errors);
        var pools = ValidateMembers("pools", spec.Pools, errors);
        var nodes = ValidateMembers("nodes", spec.Nodes, errors);
        var layout = SubnetLayoutValidator.Validate(spec, block, pools, nodes, errors);
        if (spec.Mode != NetworkModes.Underlay && pools.Count == 0 && nodes.Count == 0 && !errors.ContainsKey("spec.pools") && !errors.ContainsKey("spec.nodes"))
        {
            errors[spec.Mode == NetworkModes.Eni ? "spec.nodes" : "spec.pools"] = spec.Mode == NetworkModes.Eni
                ? ["nodes is empty; an eni subnet serves the cloud nodes it lists, so list at least one node."]
                : ["Neither pools nor nodes is given; list at least one pool or one node, because the subnet serves only instances in its pools or on its nodes."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, $"The specification of subnet '{name}' is invalid.");
        }

        return new SubnetDefinition(block!.ToString(), gateway, pools, nodes, layout);
    }

    private static string[] ValidateName(string name)
    {
        if (name.Length <= MaxNameLength && DnsLabel().IsMatch(name))
        {
            return [];
        }

        return [$"'{name}' is not a valid subnet name; use 1 to {MaxNameLength} lowercase letters, digits and '-', starting and ending with a letter or digit."];
    }

    private static string[] FindOverlaps(AddressBlock block, IReadOnlyDictionary<string, string> otherSubnets) =>
    [
        .. otherSubnets
            .Where(other => AddressBlock.TryParse(other.Value, out var otherBlock, out _) && block.Overlaps(otherBlock))
            .OrderBy(other => other.Key, StringComparer.Ordinal)
            .Select(other => $"{block} overlaps subnet '{other.Key}' ({other.Value}); choose a range that shares no address with it, or change that subnet first."),
    ];

    private static string? ValidateGateway(string text, AddressBlock? block, Dictionary<string, string[]> errors)
    {
        if (!AddressBlock.TryParseAddress(text, out var address, out var addressError))
        {
            errors["spec.gateway"] = [addressError];
            return null;
        }

        if (block is null || block.IsUsable(address))
        {
            return address.ToString();
        }

        var usableRange = $"choose an address from {AddressBlock.ToAddress(block.FirstUsable, block.Family)} to {AddressBlock.ToAddress(block.LastUsable, block.Family)}";
        var problem = !block.Contains(address) ? $"is outside {block}"
            : AddressBlock.ToInteger(address) == block.First ? $"is the network address of {block}"
            : $"is the broadcast address of {block}";
        errors["spec.gateway"] = [$"The gateway {address} {problem}; {usableRange}."];
        return null;
    }

    private static IReadOnlyList<string> ValidateMembers(string field, IReadOnlyList<string>? members, Dictionary<string, string[]> errors)
    {
        if (members is null)
        {
            return [];
        }

        var invalid = members
            .Select((member, index) => (member, index))
            .Where(entry => string.IsNullOrWhiteSpace(entry.member) || entry.member.Length > MaxMemberLength || entry.member.Any(char.IsWhiteSpace))
            .Select(entry => $"{field}[{entry.index}] '{entry.member}' is not a valid name; use 1 to {MaxMemberLength} characters without spaces.")
            .ToArray();
        AddIfInvalid(errors, $"spec.{field}", invalid);

        return [.. members.Where(member => !string.IsNullOrWhiteSpace(member)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static void AddIfInvalid(Dictionary<string, string[]> errors, string field, string[] messages)
    {
        if (messages.Length > 0)
        {
            errors[field] = messages;
        }
    }

    /// <summary>Returns whether the text is a DNS label: lowercase letters, digits and '-', not starting or ending with '-'.</summary>
    public static bool IsDnsLabel(string text) => text.Length <= MaxNameLength && DnsLabel().IsMatch(text);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
