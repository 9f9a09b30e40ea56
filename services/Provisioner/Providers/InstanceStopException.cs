namespace Surge.Provisioner.Providers;

/// <summary>Thrown by a provider when an instance cannot be stopped. The stop is retried with the message that asked for it.</summary>
public sealed class InstanceStopException : Exception
{
    /// <summary>Creates the exception with the reason the stop failed.</summary>
    public InstanceStopException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with the reason the stop failed and the error that caused it.</summary>
    public InstanceStopException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
