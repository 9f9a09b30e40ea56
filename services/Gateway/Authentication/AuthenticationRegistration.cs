using Microsoft.Extensions.Options;

namespace Surge.Gateway.Authentication;

/// <summary>Registers API key authentication and the role policies.</summary>
public static partial class AuthenticationRegistration
{
    /// <summary>Adds the scheme, the key store, the policies and start-time validation of the keys.</summary>
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthenticationOptions>().Bind(builder.Configuration.GetSection(AuthenticationOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthenticationOptions>, AuthenticationOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyStore>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in GatewayRoles.Policies)
        {
            authorization.AddPolicy(policy, rule => rule.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }

    /// <summary>Logs a warning at start when authentication is disabled, so nobody runs that way unknowingly.</summary>
    public static WebApplication WarnIfAuthenticationDisabled(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ApiKeyStore>().Enabled)
        {
            LogDisabled(app.Logger);
        }

        return app;
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Gateway authentication is disabled: every caller is treated as admin. Configure Gateway:Authentication:ApiKeys for any shared machine.")]
    private static partial void LogDisabled(ILogger logger);
}
