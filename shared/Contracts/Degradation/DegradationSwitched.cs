namespace Surge.Contracts.Degradation;

/// <summary>Reports how the load balancer handled a <see cref="SwitchDegradation"/>, after the data plane applied it.</summary>
/// <param name="On">Whether the saga holds degradation on now; false after its "off", and for an "on" that came after its "off".</param>
/// <param name="Degraded">Whether the service is degraded now, by this saga or another.</param>
public sealed record DegradationSwitched(Guid SagaId, string Service, bool On, bool Degraded) : ISagaMessage;
