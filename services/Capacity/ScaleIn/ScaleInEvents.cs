namespace Surge.Capacity.ScaleIn;

/// <summary>
/// A scale-in was requested and its victims chosen and marked on their nodes: the first event of every scale-in saga.
/// The load balancer must report them drained by <paramref name="Deadline"/>.
/// </summary>
/// <param name="DrainTimeout">How long the load balancer lets requests in flight finish before it removes the victims.</param>
public sealed record ScaleInRequested(
    Guid SagaId,
    string Service,
    string Pool,
    int RequestedCount,
    IReadOnlyList<ScaleInVictim> Victims,
    TimeSpan DrainTimeout,
    string? RequestedBy,
    DateTimeOffset At,
    DateTimeOffset Deadline,
    Guid? RequesterSagaId = null);

/// <summary>The load balancer sends no more traffic to the victims; the provisioner must report them stopped by <paramref name="Deadline"/>.</summary>
public sealed record VictimsDrained(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The provisioner stopped the victims; Ipam must report their addresses released by <paramref name="Deadline"/>.</summary>
public sealed record VictimsStopped(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>Ipam released the victims' addresses.</summary>
public sealed record VictimAddressesReleased(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);

/// <summary>The victims' reservations were released on their nodes, in the same transaction as this event.</summary>
public sealed record VictimCapacityReleased(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);

/// <summary>
/// A step failed: its command faulted, or it passed its deadline (<paramref name="TimedOut"/>). Once stopping began, the
/// saga goes on with the next step, which must reply by <paramref name="Deadline"/>.
/// </summary>
public sealed record ScaleInStepFailed(string Step, string Reason, bool TimedOut, DateTimeOffset At, DateTimeOffset? Deadline = null);

/// <summary>
/// The saga gave up before any victim was stopped: the victims are registered at the load balancer again and their
/// reservations unmarked, in the same transaction as this event.
/// </summary>
public sealed record ScaleInAborted(string Reason, DateTimeOffset At);

/// <summary>Every victim was drained, stopped and released: the service runs with fewer instances.</summary>
public sealed record ScaleInCompleted(int InstanceCount, DateTimeOffset At);

/// <summary>The saga ended after a failure: aborted before stopping, or gone forward with the steps that failed recorded.</summary>
public sealed record ScaleInFailed(DateTimeOffset At);
