using Microsoft.Extensions.Options;

namespace Surge.Gateway.Authentication;

/// <summary>Checks the gateway's keys at start, naming each faulty key by its configuration path.</summary>
public sealed class AuthenticationOptionsValidator : IValidateOptions<AuthenticationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthenticationOptions options)
    {
        var errors = new List<string>();
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (!string.Equals(options.Mode, "ApiKeys", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{AuthenticationOptions.Section}:Mode is '{options.Mode}'; use ApiKeys or Disabled.");
        }

        if (options.ApiKeys.Count == 0)
        {
            errors.Add($"{AuthenticationOptions.Section}:ApiKeys is empty. Configure at least one key with Name, Key (or KeySha256) and Role, or set {AuthenticationOptions.Section}:Mode to Disabled on a machine nobody else reaches.");
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            ValidateKey(options.ApiKeys[i], $"{AuthenticationOptions.Section}:ApiKeys:{i}", errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateKey(ApiKeyOptions key, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(key.Name))
        {
            errors.Add($"{path}:Name is missing. Name who holds the key, such as 'alertmanager-prod'.");
        }

        if (!GatewayRoles.All.Contains(key.Role))
        {
            errors.Add($"{path}:Role is '{key.Role}'; use one of {string.Join(", ", GatewayRoles.All)}.");
        }

        var hasKey = !string.IsNullOrEmpty(key.Key);
        var hasHash = !string.IsNullOrEmpty(key.KeySha256);
        if (hasKey == hasHash)
        {
            errors.Add($"{path}: give exactly one of Key and KeySha256.");
        }
        else if (hasKey && key.Key!.Length < AuthenticationOptions.MinimumKeyLength)
        {
            errors.Add($"{path}:Key is shorter than {AuthenticationOptions.MinimumKeyLength} characters; use a random key such as the output of 'openssl rand -hex 24'.");
        }
        else if (hasHash && (key.KeySha256!.Length != 64 || !key.KeySha256.All(char.IsAsciiHexDigit)))
        {
            errors.Add($"{path}:KeySha256 must be 64 hex digits, such as the output of 'printf %s KEY | sha256sum'.");
        }
    }
}
