namespace Surge.LoadBalancer.DataPlane;

/// <summary>Marks an endpoint that serves the data plane port. Every endpoint without it serves only the control ports.</summary>
public sealed class DataPlaneEndpointMetadata
{
    /// <summary>The one instance endpoints share.</summary>
    public static DataPlaneEndpointMetadata Instance { get; } = new();

    private DataPlaneEndpointMetadata()
    {
    }
}
