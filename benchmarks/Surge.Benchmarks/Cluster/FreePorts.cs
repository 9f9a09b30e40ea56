using System.Net;
using System.Net.Sockets;

namespace Surge.Benchmarks.Cluster;

/// <summary>Finds loopback ports that nothing listens on, so the benchmark cluster never collides with a running environment.</summary>
public static class FreePorts
{
    /// <summary>Returns a port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
