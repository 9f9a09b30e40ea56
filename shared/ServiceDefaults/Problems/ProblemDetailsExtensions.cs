using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Surge.ServiceDefaults.Problems;

/// <summary>Registers RFC 9457 problem details and the one exception handler that produces them.</summary>
public static class ProblemDetailsExtensions
{
    /// <summary>Adds problem details with the request's correlation id, and the Surge exception handler.</summary>
    public static IServiceCollection AddSurgeProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Items.TryGetValue(Correlation.CorrelationContext.ItemKey, out var correlationId))
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;

                // The exception handler clears the response headers, so the correlation header is set again here.
                context.HttpContext.Response.Headers[Correlation.CorrelationContext.HeaderName] = correlationId?.ToString();
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures (malformed JSON, a missing body) reach the handler as exceptions, so their problem
        // details say what was wrong instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // A misspelt field or a number sent as a string is an error the caller should see, not a value silently dropped
        // or converted.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    /// <summary>
    /// Writes <paramref name="problem"/> as the response through the problem details service, so it carries the
    /// correlation id like every other problem, or as plain JSON where no such service is registered.
    /// </summary>
    public static async Task WriteProblemAsync(this HttpContext context, ProblemDetails problem, CancellationToken cancellationToken)
    {
        var problems = context.RequestServices.GetService<IProblemDetailsService>();
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, cancellationToken);
        }
    }
}
