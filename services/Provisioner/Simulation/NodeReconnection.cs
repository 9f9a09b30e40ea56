using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation;

/// <summary>What ending a node outage did to the instances that were suspended on the node.</summary>
/// <param name="ServingAgain">The instances that listen at their endpoints again.</param>
/// <param name="Failed">The instances whose endpoints could not be bound again.</param>
public sealed record NodeReconnection(IReadOnlyList<Guid> ServingAgain, IReadOnlyList<ReconnectFailure> Failed);

/// <summary>An instance that could not listen at <paramref name="Endpoint"/> again after its node's outage, and why.</summary>
public sealed record ReconnectFailure(InstanceLaunch Launch, string Endpoint, string Reason);
