using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>Registers the alert sources: their options, checks and the SNS confirmation client.</summary>
public static class AlertSourceRegistration
{
    /// <summary>Adds the webhook intake services and validates <c>Gateway:AlertSources</c> at start.</summary>
    public static IHostApplicationBuilder AddAlertSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertSourceOptions>().Bind(builder.Configuration.GetSection(AlertSourceOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertSourceOptions>, AlertSourceOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AlertForwarder>();
        builder.Services.AddSingleton<WebhookIntake>();
        builder.Services.AddSingleton<SnsCertificates>();
        builder.Services.AddSingleton<SnsMessageCheck>();
        builder.Services.AddSingleton<SnsSubscriptions>();
        builder.Services.AddHttpClient(SnsSubscriptions.Client, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return builder;
    }
}
