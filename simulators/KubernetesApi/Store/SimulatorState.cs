namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>What the state hook reports about the simulated API server.</summary>
public sealed record SimulatorState(long ResourceVersion, long OldestResourceVersion, int OpenWatches, int SilencedWatches);
