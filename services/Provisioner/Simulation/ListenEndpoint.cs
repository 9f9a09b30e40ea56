using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Surge.Provisioner.Simulation;

/// <summary>The loopback address and port a simulated instance listens on.</summary>
/// <param name="Address">The loopback address to bind.</param>
/// <param name="Port">The port to bind, or 0 for an ephemeral port that the operating system picks.</param>
/// <param name="IsMapped">Whether the instance's own address is not a loopback address and was replaced by 127.0.0.1.</param>
public sealed record ListenEndpoint(IPAddress Address, int Port, bool IsMapped)
{
    /// <summary>
    /// Returns where an instance with <paramref name="instanceAddress"/> listens: on that address and
    /// <paramref name="instancePort"/> when it is a loopback address (127.0.0.0/8 or ::1), otherwise on 127.0.0.1 with an
    /// ephemeral port, because only loopback traffic stays on this machine.
    /// </summary>
    public static ListenEndpoint For(string instanceAddress, int instancePort)
    {
        if (IPAddress.TryParse(instanceAddress, out var address))
        {
            // An IPv4-mapped IPv6 address such as ::ffff:127.0.0.5 is bound as the IPv4 address it carries.
            var bindable = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (IPAddress.IsLoopback(bindable))
            {
                return new ListenEndpoint(bindable, instancePort, IsMapped: false);
            }
        }

        return new ListenEndpoint(IPAddress.Loopback, 0, IsMapped: true);
    }

    /// <summary>Parses an endpoint URL such as <c>http://127.42.0.10:8080</c> that a simulated instance reported.</summary>
    public static ListenEndpoint Parse(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.IdnHost, out var address))
        {
            throw new FormatException($"Endpoint '{endpoint}' is not an http://<IP address>:<port> URL.");
        }

        return new ListenEndpoint(address, uri.Port, IsMapped: false);
    }

    /// <summary>Returns the URL <c>http://address:port</c> for this address and the port the listener actually bound.</summary>
    /// <remarks>The port is always written, even 80, so every endpoint has the same shape.</remarks>
    public string ToUrl(int boundPort)
    {
        var host = Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"http://{host}:{boundPort}");
    }
}
