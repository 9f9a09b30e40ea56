namespace Surge.Capacity.Resources;

/// <summary>The result of applying one declarative resource.</summary>
/// <param name="Kind">The resource kind, such as <c>Pool</c>.</param>
/// <param name="Name">The resource name.</param>
/// <param name="Outcome"><c>created</c>, <c>updated</c> or <c>unchanged</c>.</param>
public sealed record ApplyOutcome(string Kind, string Name, string Outcome)
{
    /// <summary>The outcome when the resource did not exist before.</summary>
    public const string Created = "created";

    /// <summary>The outcome when the resource existed with a different spec.</summary>
    public const string Updated = "updated";

    /// <summary>The outcome when the resource existed with the same spec; nothing was recorded.</summary>
    public const string Unchanged = "unchanged";
}
