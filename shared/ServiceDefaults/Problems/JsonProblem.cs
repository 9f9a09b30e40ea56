using System.Text.Json;

namespace Surge.ServiceDefaults.Problems;

/// <summary>Turns a JSON binding failure into a field error that names the field and says what it needs, without .NET type names.</summary>
public static class JsonProblem
{
    /// <summary>Returns the field's path (<c>body</c> for the whole document) and a sentence for the caller.</summary>
    public static (string Field, string Error) Describe(JsonException exception)
    {
        var field = exception.Path is null or "$" ? "body" : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path;
        var message = exception.Message;

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return (field, $"'{field}' is not a known field. Check its spelling against the API documentation.");
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            // For a constructor parameter the message names the record, not the field's type; the inner exception
            // says what the reader found instead, such as a string where a number belongs.
            return exception.InnerException is InvalidOperationException or FormatException
                ? (field, $"'{field}' has the wrong type: {exception.InnerException.Message}")
                : (field, $"'{field}' must be {Expected(message)}.");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return (field, "Required fields are missing; see the API documentation for the schema.");
        }

        return ("body", $"The body is not valid JSON: {message}");
    }

    private static string Expected(string message) => message switch
    {
        _ when message.Contains("System.Int32", StringComparison.Ordinal) || message.Contains("System.Int64", StringComparison.Ordinal) => "a whole number",
        _ when message.Contains("System.Double", StringComparison.Ordinal) || message.Contains("System.Decimal", StringComparison.Ordinal) => "a number",
        _ when message.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when message.Contains("System.String", StringComparison.Ordinal) => "a string",
        _ when message.Contains("System.DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 time such as 2026-01-01T10:00:00Z",
        _ when message.Contains("System.TimeSpan", StringComparison.Ordinal) => "a duration such as 00:05:00",
        _ when message.Contains("System.Guid", StringComparison.Ordinal) => "a UUID",
        _ when message.Contains("Dictionary", StringComparison.Ordinal) => "a mapping of names to strings",
        _ when message.Contains("List", StringComparison.Ordinal) || message.Contains("[]", StringComparison.Ordinal) => "a list",
        _ => "an object with the documented fields",
    };
}
