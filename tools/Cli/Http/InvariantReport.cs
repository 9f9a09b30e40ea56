namespace Surge.Cli.Http;

/// <summary>The gateway's cross-check of reservations, addresses, instances and backends, from <c>GET /api/invariants</c>.</summary>
internal sealed record InvariantReport(
    DateTimeOffset CheckedAt,
    bool Clean,
    int InFlightInstances,
    InvariantCounts Counts,
    IReadOnlyList<InvariantFinding> Findings);

/// <summary>How many records of each kind the check read.</summary>
internal sealed record InvariantCounts(int Reservations, int Allocations, int Instances, int Backends);

/// <summary>One leak, duplicate or over-committed node the check found.</summary>
internal sealed record InvariantFinding(string Kind, string Severity, IReadOnlyList<string> InstanceIds, string Detail);
