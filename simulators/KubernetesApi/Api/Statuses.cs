using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>The <c>Status</c> objects a real API server returns for failures.</summary>
public static class Statuses
{
    /// <summary>404: no object of that name.</summary>
    public static JsonObject NotFound(string plural, string name) =>
        Failure(404, "NotFound", $"{plural} \"{name}\" not found", Details(plural, name));

    /// <summary>409: an object of that name exists.</summary>
    public static JsonObject AlreadyExists(string plural, string name) =>
        Failure(409, "AlreadyExists", $"{plural} \"{name}\" already exists", Details(plural, name));

    /// <summary>400: the request cannot be read.</summary>
    public static JsonObject BadRequest(string message) => Failure(400, "BadRequest", message, null);

    /// <summary>415: a patch type the simulator does not apply.</summary>
    public static JsonObject UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})", null);

    /// <summary>422: the change is not allowed.</summary>
    public static JsonObject Invalid(string plural, string name, string message) =>
        Failure(422, "Invalid", $"{plural} \"{name}\" is invalid: {message}", Details(plural, name));

    /// <summary>410 with reason Expired, the ERROR event of a watch from a resource version outside the window.</summary>
    public static JsonObject Expired(string message) => Failure(410, "Expired", message, null);

    private static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    private static JsonObject Details(string plural, string name) => new() { ["name"] = name, ["kind"] = plural };
}
