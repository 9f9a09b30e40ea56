namespace Surge.Gateway.Invariants;

/// <summary>One violated invariant: what kind, how bad, which instances, and a sentence that names the ids involved.</summary>
/// <param name="Kind">One of the <see cref="FindingKinds"/>, such as <c>reservation-leaked</c>.</param>
/// <param name="Severity"><c>leak</c>, <c>duplicate</c> or <c>overcommit</c>.</param>
/// <param name="InstanceIds">The instances involved, ordered.</param>
/// <param name="Detail">What is wrong, with the addresses, nodes, endpoints or sagas involved.</param>
public sealed record InvariantFinding(string Kind, string Severity, IReadOnlyList<Guid> InstanceIds, string Detail);
