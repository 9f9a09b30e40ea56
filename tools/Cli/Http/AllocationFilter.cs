namespace Surge.Cli.Http;

/// <summary>The filters of <c>GET /api/ipam/allocations</c>. Ipam returns the allocations that match every filter given.</summary>
internal sealed record AllocationFilter(Guid? InstanceId, string? Node, string? Subnet, string? Address)
{
    /// <summary>Whether no filter is given, so the request asks for every allocation.</summary>
    public bool IsEmpty => InstanceId is null && Node is null && Subnet is null && Address is null;

    /// <summary>Returns the query string with the given filters, such as <c>?node=feed-node-1</c>, or an empty string.</summary>
    public string ToQueryString()
    {
        var parameters = new List<string>();
        if (InstanceId is { } instanceId)
        {
            parameters.Add("instanceId=" + instanceId.ToString("D"));
        }

        AddIfGiven(parameters, "node", Node);
        AddIfGiven(parameters, "subnet", Subnet);
        AddIfGiven(parameters, "address", Address);
        return parameters.Count == 0 ? "" : "?" + string.Join('&', parameters);
    }

    private static void AddIfGiven(List<string> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
