using System.Net;
using System.Net.Sockets;

namespace Surge.IntegrationTests.Harness;

/// <summary>
/// Finds loopback ports that nothing listens on, so a cluster of the integration tests or of the benchmark never
/// collides with a running environment. The benchmark project compiles this file too.
/// </summary>
public static class FreePorts
{
    // The system may offer a port again as soon as the probe's listener closes, and a cluster takes all its ports
    // before any service binds one. Two services once got the same port: the first bound it, the second failed to
    // bind, and the first responded to the readiness probe of the second. In 3,000 calls without this record, 571
    // returned a port already returned.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>Returns a port that was free a moment ago and that this process has not returned before.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
