namespace Surge.LoadBalancer.Degradation;

/// <summary>
/// A saga released its hold on the service's degradation. Also recorded for a saga that never held it, so that its
/// "on", delivered after its "off", is ignored.
/// </summary>
/// <param name="WasOn">Whether the saga held the switch until now.</param>
public sealed record DegradationSwitchedOff(Guid SagaId, string Reason, bool WasOn = true);
