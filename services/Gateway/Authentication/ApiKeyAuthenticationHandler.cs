using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Authentication;

/// <summary>
/// Authenticates a caller by an API key sent the ways alarm systems and tools can send it: <c>Authorization: Bearer</c>
/// (Alertmanager's and Grafana's authorization setting), basic authentication with the key as password, or
/// <c>X-Api-Key</c>. The key itself is never logged.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled)
        {
            return Task.FromResult(Success("anonymous (authentication disabled)", GatewayRoles.Admin));
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } holder)
        {
            LogRejectedKey(Logger, Request.Method, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        return Task.FromResult(Success(holder.Name, holder.Role));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";

        // A caller that sent no key and one that sent an unknown key need different fixes, so the problem names the case.
        var detail = PresentedKey(Request) is null
            ? "No API key was sent. Send it as 'Authorization: Bearer <key>', as the password of basic authentication, or in the X-Api-Key header."
            : "The API key sent is not one of the gateway's keys. Check the key, or ask an admin for one with the role this route needs.";
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = detail };
        await Context.WriteProblemAsync(problem, Context.RequestAborted);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var apiKey) && apiKey.Count == 1 && apiKey[0] is { Length: > 0 } key)
        {
            return key;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }

        return header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? BasicPassword(header.Parameter) : null;
    }

    private static string? BasicPassword(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? decoded[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private AuthenticateResult Success(string name, string role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Rejected an unknown API key for {Method} {Path}")]
    private static partial void LogRejectedKey(ILogger logger, string method, string path);
}
