namespace Surge.Gateway.Authentication;

/// <summary>One API key the gateway accepts.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, for logs and the audit trail; never the key itself.</summary>
    public string Name { get; set; } = "";

    /// <summary>The key in plain text, at least 24 characters. Give this or <see cref="KeySha256"/>.</summary>
    public string? Key { get; set; }

    /// <summary>The SHA-256 of the key as 64 hex digits, so the configuration need not hold the key itself.</summary>
    public string? KeySha256 { get; set; }

    /// <summary>One of the <see cref="GatewayRoles"/>.</summary>
    public string Role { get; set; } = "";
}
