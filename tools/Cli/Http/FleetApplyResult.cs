namespace Surge.Cli.Http;

/// <summary>The gateway's response to <c>POST /api/fleet</c>.</summary>
internal sealed record FleetApplyResult(IReadOnlyList<AppliedResource> Applied);

/// <summary>What applying one resource of the fleet file did.</summary>
/// <param name="Outcome">Such as <c>created</c>, <c>updated</c> or <c>unchanged</c>; printed as the gateway sends it.</param>
internal sealed record AppliedResource(string Kind, string Name, string Outcome);
