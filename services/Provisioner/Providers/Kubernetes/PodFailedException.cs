namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>Thrown while following a pod that will not reach the state waited for; the message gives the reason.</summary>
public sealed class PodFailedException(string reason) : Exception(reason);
