namespace Surge.Simulators.KubernetesApi.Patching;

/// <summary>Thrown when a patch would make a change the API server forbids; its message names the field.</summary>
public sealed class PatchRejectedException(string message) : Exception(message);
