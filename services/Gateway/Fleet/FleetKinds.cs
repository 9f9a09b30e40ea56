namespace Surge.Gateway.Fleet;

/// <summary>The resource kinds a fleet file may hold, where each is applied, and in which order.</summary>
public static class FleetKinds
{
    /// <summary>The only apiVersion accepted.</summary>
    public const string ApiVersion = "surge/v1";

    /// <summary>Kinds in apply order, each with the service and path prefix that owns it; a kind comes after the kinds it refers to.</summary>
    public static readonly IReadOnlyList<(string Kind, string Service, string Path)> InApplyOrder =
    [
        ("Pool", "capacity", "/pools"),
        ("Node", "capacity", "/nodes"),
        ("Subnet", "ipam", "/subnets"),
        ("Service", "capacity", "/services"),
        ("AlertPolicy", "capacity", "/alert-policies"),
    ];

    /// <summary>Returns the position of a kind in apply order, or -1 for an unknown kind.</summary>
    public static int OrderOf(string kind)
    {
        for (var i = 0; i < InApplyOrder.Count; i++)
        {
            if (InApplyOrder[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }
}
