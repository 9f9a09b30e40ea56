namespace Surge.Gateway.Webhooks;

/// <summary>
/// A webhook request refused before its alerts are read: 401, 404 for a source that is switched off, 413 or 415. It
/// becomes problem details that name the field and the fix; nothing is forwarded.
/// </summary>
public sealed class WebhookRejection(int status, string title, string field, string error) : Exception(error)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The problem's title.</summary>
    public string Title { get; } = title;

    /// <summary>The field or header at fault.</summary>
    public string Field { get; } = field;

    /// <summary>A 401 for a failed source check.</summary>
    public static WebhookRejection Unauthorized(string field, string reason) =>
        new(StatusCodes.Status401Unauthorized, "The notification's credentials are missing or wrong.", field, reason);

    /// <summary>Returns the problem details result.</summary>
    public IResult ToResult() => TypedResults.Problem(
        statusCode: Status,
        title: Title,
        detail: Message + " Nothing was stored.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Field] = [Message] } });
}
