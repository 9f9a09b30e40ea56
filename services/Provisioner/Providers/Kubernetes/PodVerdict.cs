namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>What a check of a pod concluded: keep waiting, done, or failed with a reason.</summary>
public abstract record PodVerdict
{
    /// <summary>Not there yet; keep following the pod.</summary>
    public static readonly PodVerdict Waiting = new WaitingVerdict();

    /// <summary>The pod is where the caller wanted it.</summary>
    public static readonly PodVerdict Done = new DoneVerdict();

    /// <summary>The pod will not get there.</summary>
    public sealed record Failed(string Reason) : PodVerdict;

    private sealed record WaitingVerdict : PodVerdict;

    private sealed record DoneVerdict : PodVerdict;
}
