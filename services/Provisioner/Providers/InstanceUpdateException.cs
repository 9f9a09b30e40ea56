namespace Surge.Provisioner.Providers;

/// <summary>Thrown by a provider when an instance cannot be updated in place. Its message becomes the failure reason the saga receives.</summary>
public sealed class InstanceUpdateException : Exception
{
    /// <summary>Creates the exception with the reason the update failed.</summary>
    public InstanceUpdateException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with the reason the update failed and the error that caused it.</summary>
    public InstanceUpdateException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
