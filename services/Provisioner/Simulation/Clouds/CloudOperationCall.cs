using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>What the fault settings decided for one call of a cloud operation.</summary>
/// <param name="Operation">The operation called.</param>
/// <param name="Latency">How long the call takes, already multiplied by the time scale. A call that never answers ignores it.</param>
/// <param name="Outcome">How the call ends.</param>
public sealed record CloudOperationCall(CloudOperation Operation, TimeSpan Latency, OperationOutcome Outcome);
