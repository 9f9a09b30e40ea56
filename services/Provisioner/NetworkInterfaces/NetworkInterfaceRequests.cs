namespace Surge.Provisioner.NetworkInterfaces;

/// <summary>Checks the names in a request to attach a network interface before anything is recorded for it.</summary>
public static class NetworkInterfaceRequests
{
    /// <summary>The longest interface id accepted.</summary>
    public const int MaxInterfaceIdLength = 63;

    /// <summary>The longest node name accepted, the maximum length of a DNS name.</summary>
    public const int MaxNodeLength = 253;

    /// <summary>
    /// Returns why the request cannot name an interface stream, or null when it can: the subnet, node and interface id
    /// must not be empty, the node and interface id must not contain <c>/</c> or white space, and the interface id may
    /// have at most 63 characters and the node at most 253.
    /// </summary>
    public static string? FindProblem(string? subnet, string? node, string? interfaceId)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(subnet))
        {
            problems.Add("the subnet is empty");
        }

        if (string.IsNullOrWhiteSpace(node))
        {
            problems.Add("the node is empty");
        }
        else if (node.Length > MaxNodeLength || !IsPlainName(node))
        {
            problems.Add($"the node '{node}' is not a node name of at most {MaxNodeLength} characters without '/' or white space");
        }

        if (string.IsNullOrWhiteSpace(interfaceId))
        {
            problems.Add("the interface id is empty");
        }
        else if (interfaceId.Length > MaxInterfaceIdLength || !IsPlainName(interfaceId))
        {
            problems.Add($"the interface id '{interfaceId}' is not a name of at most {MaxInterfaceIdLength} characters without '/' or white space");
        }

        return problems.Count == 0
            ? null
            : $"The request to attach a network interface is invalid: {string.Join("; ", problems)}. Send AttachNetworkInterface with a subnet, a node and an interface id such as 'eni-2'.";
    }

    private static bool IsPlainName(string name) => !name.Any(character => character == '/' || char.IsWhiteSpace(character) || char.IsControl(character));
}
