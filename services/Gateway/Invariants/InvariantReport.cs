namespace Surge.Gateway.Invariants;

/// <summary>The result of one invariant check across Capacity, Ipam, Provisioner and LoadBalancer.</summary>
/// <param name="CheckedAt">When the check started reading the services.</param>
/// <param name="Clean">True when there is no finding.</param>
/// <param name="InFlightInstances">Instances of running sagas, which are not checked for leaks.</param>
/// <param name="Counts">How many records of each kind the check read.</param>
/// <param name="Findings">Every violation found, duplicates and overcommits first, then leaks.</param>
public sealed record InvariantReport(
    DateTimeOffset CheckedAt,
    bool Clean,
    int InFlightInstances,
    InvariantCounts Counts,
    IReadOnlyList<InvariantFinding> Findings);

/// <summary>How many records of each kind an invariant check read.</summary>
public sealed record InvariantCounts(int Reservations, int Allocations, int Instances, int Backends);
