using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Surge.ServiceDefaults.Correlation;

/// <summary>Gives every request a correlation id and puts it in the log scope, the trace and the response.</summary>
public static class CorrelationExtensions
{
    /// <summary>Registers what the correlation middleware needs.</summary>
    public static IServiceCollection AddCorrelation(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>Takes the caller's <c>X-Correlation-Id</c> when it is acceptable, otherwise creates one, and echoes it in the response.</summary>
    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var supplied = context.Request.Headers[CorrelationContext.HeaderName].ToString();
        var correlationId = CorrelationContext.IsAcceptable(supplied) ? supplied : CorrelationContext.NewId();
        context.Items[CorrelationContext.ItemKey] = correlationId;
        context.Response.Headers[CorrelationContext.HeaderName] = correlationId;
        Activity.Current?.SetTag("surge.correlation_id", correlationId);

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Surge.Correlation");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    });

    /// <summary>Returns the current request's correlation id.</summary>
    public static string GetCorrelationId(this HttpContext context) =>
        context.Items.TryGetValue(CorrelationContext.ItemKey, out var value) && value is string id ? id : CorrelationContext.NewId();
}
