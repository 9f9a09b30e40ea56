namespace Surge.ServiceDefaults.Messaging;

/// <summary>The parts of an AMQP URI that the RabbitMQ transport needs.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls = false)
{
    /// <summary>
    /// Parses <c>amqp://user:password@host:port/vhost</c> or <c>amqps://...</c> (TLS, default port 5671); the vhost is
    /// URL-decoded and defaults to "/".
    /// </summary>
    public static RabbitMqAddress Parse(string uri)
    {
        var parsed = new Uri(uri);
        var useTls = parsed.Scheme.Equals("amqps", StringComparison.OrdinalIgnoreCase);
        var credentials = parsed.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            parsed.Host,
            (ushort)(parsed.IsDefaultPort || parsed.Port < 0 ? (useTls ? 5671 : 5672) : parsed.Port),
            virtualHost.Length == 0 ? "/" : virtualHost,
            credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest",
            useTls);
    }
}
