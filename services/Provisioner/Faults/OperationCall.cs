namespace Surge.Provisioner.Faults;

/// <summary>What the fault plan decided for one call of a provider operation.</summary>
/// <param name="Operation">The operation called.</param>
/// <param name="Latency">How long the call takes, already multiplied by the time scale. A call that never answers ignores it.</param>
/// <param name="Outcome">How the call ends.</param>
public sealed record OperationCall(ProviderOperation Operation, TimeSpan Latency, OperationOutcome Outcome);
