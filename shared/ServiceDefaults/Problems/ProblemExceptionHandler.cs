using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Surge.ServiceDefaults.Problems;

/// <summary>Maps exceptions to problem details in one place, so the body's status always equals the response's.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // An outage that a retry gets past, such as a database restart, is expected and gets a 503. A stack trace
            // per request would bury the log while the outage lasts.
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        }
        else if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        RequestValidationException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = validation.Message,
        },
        BadHttpRequestException { InnerException: JsonException json } => JsonBindingProblem(json),
        BadHttpRequestException binding when BindingProblem.Describe(binding.Message) is { } described =>
            new HttpValidationProblemDetails(new Dictionary<string, string[]> { [described.Field] = [described.Error] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = described.Error,
            },
        BadHttpRequestException badRequest => new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = "The request could not be read.",
            Detail = badRequest.Message,
        },
        ResourceNotFoundException notFound => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "The resource was not found.",
            Detail = notFound.Message,
        },
        ResourceConflictException conflict => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The request conflicts with the current state.",
            Detail = conflict.Message,
        },
        ServiceStoppingException stopping => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service is shutting down.",
            Detail = stopping.Message,
        },
        DependencyUnavailableException unavailable => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "A service this request needs is unavailable.",
            Detail = unavailable.Message,
        },
        _ when Storage.DatabaseFailures.IsUnavailable(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = "PostgreSQL refused or dropped the connection, for example while it restarts. Nothing was changed; retry the request.",
        },
        ConcurrencyException or EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Another request changed the same resource at the same time.",
            Detail = "Retry the request.",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "The server failed to process the request.",
            Detail = "The error was logged with the correlation id of this response.",
        },
    };

    private static HttpValidationProblemDetails JsonBindingProblem(JsonException json)
    {
        var (field, error) = JsonProblem.Describe(json);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [error] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body does not match the endpoint's schema.",
            Detail = error,
        };
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Answered {Method} {Path} with 503, to be retried: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
