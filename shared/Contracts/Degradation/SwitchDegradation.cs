namespace Surge.Contracts.Degradation;

/// <summary>
/// Asks the load balancer to switch degradation of a service on or off for a saga. While any saga holds it on, the
/// data plane answers requests to the non-critical routes with 503 and <c>Retry-After</c> without forwarding them.
/// Repeating a command changes nothing, and an "on" that arrives after the same saga's "off" is ignored.
/// </summary>
/// <param name="On">True to switch on for the saga, false to release the saga's hold.</param>
/// <param name="NonCriticalRoutes">The routes to reject while on; ignored when switching off.</param>
/// <param name="RetryAfter">The value of the <c>Retry-After</c> header, in whole seconds.</param>
/// <param name="Reason">Why, for the audit trail.</param>
public sealed record SwitchDegradation(
    Guid SagaId,
    string Service,
    bool On,
    IReadOnlyList<NonCriticalRoute> NonCriticalRoutes,
    TimeSpan RetryAfter,
    string Reason) : ISagaMessage;
