using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>Writes a JSON object with a status code, as the API server does for objects and failures alike.</summary>
public sealed class KubernetesJsonResult(int statusCode, JsonObject body) : IResult
{
    /// <summary>The status code of the response.</summary>
    public int StatusCode { get; } = statusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/json";
        return httpContext.Response.WriteAsync(KubernetesJson.Write(body), httpContext.RequestAborted);
    }

    /// <summary>Answers with a <c>Status</c> object and the code it carries.</summary>
    public static KubernetesJsonResult Status(JsonObject status) => new(status["code"]!.GetValue<int>(), status);
}
