namespace Surge.Ipam.Subnets;

/// <summary>The response of <c>PUT /subnets/{name}</c>.</summary>
/// <param name="Kind">Always <c>Subnet</c>.</param>
/// <param name="Name">The subnet's name.</param>
/// <param name="Outcome"><c>created</c>, <c>updated</c>, or <c>unchanged</c> when the definition was already in place and nothing was recorded.</param>
public sealed record SubnetApplyResult(string Kind, string Name, string Outcome)
{
    /// <summary>The outcome for a subnet that did not exist.</summary>
    public const string Created = "created";

    /// <summary>The outcome for a subnet whose definition changed.</summary>
    public const string Updated = "updated";

    /// <summary>The outcome for a definition that equals the current one.</summary>
    public const string Unchanged = "unchanged";
}
