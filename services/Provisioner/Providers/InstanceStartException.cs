namespace Surge.Provisioner.Providers;

/// <summary>Thrown by a provider when an instance cannot be started. Its message becomes the failure reason the saga receives.</summary>
public sealed class InstanceStartException : Exception
{
    /// <summary>Creates the exception with the reason the start failed.</summary>
    public InstanceStartException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with the reason the start failed and the error that caused it.</summary>
    public InstanceStartException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
