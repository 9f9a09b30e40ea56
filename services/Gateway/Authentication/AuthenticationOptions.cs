namespace Surge.Gateway.Authentication;

/// <summary>How the gateway authenticates callers, bound from <c>Gateway:Authentication</c>.</summary>
public sealed class AuthenticationOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Gateway:Authentication";

    /// <summary>The shortest plain-text key accepted.</summary>
    public const int MinimumKeyLength = 24;

    /// <summary><c>ApiKeys</c> (the default): every request except health and OpenAPI needs a key. <c>Disabled</c>: anyone is admin, for a laptop only.</summary>
    public string Mode { get; set; } = "ApiKeys";

    /// <summary>The accepted keys. Callers send one as <c>Authorization: Bearer KEY</c>, as <c>X-Api-Key: KEY</c>, or as the password of basic authentication.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Whether keys are checked.</summary>
    public bool Enabled => !string.Equals(Mode, "Disabled", StringComparison.OrdinalIgnoreCase);
}
