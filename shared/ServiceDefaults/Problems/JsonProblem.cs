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
                ? (field, $"'{field}' has the wrong type: {Found(exception.InnerException.Message)}")
                : (field, $"'{field}' must be {Expected(message, field)}.");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return (field, "Required fields are missing; see the API documentation for the schema.");
        }

        return ("body", $"The body is not valid JSON: {message}");
    }

    // The reader's own words name .NET token types; say what to write instead.
    private static string Found(string message) => message switch
    {
        _ when message.Contains("as a number", StringComparison.Ordinal) => "it must be a number, written without quotes.",
        _ when message.Contains("out of bounds", StringComparison.Ordinal) || message.Contains("Either the JSON value is not in a supported format", StringComparison.Ordinal)
            => "it must be a whole number in range, such as 100.",
        _ when message.Contains("as a string", StringComparison.Ordinal) => "it must be a string; put the value in quotes.",
        _ when message.Contains("as a boolean", StringComparison.Ordinal) => "it must be true or false.",
        _ when message.Contains("TimeSpan", StringComparison.Ordinal) => "it must be a duration written as \"hh:mm:ss\", such as \"00:02:00\" for two minutes.",
        _ when message.Contains("DateTime", StringComparison.Ordinal) => "it must be a time in ISO 8601 form, such as \"2026-12-05T14:00:00Z\".",
        _ when message.Contains("Guid", StringComparison.Ordinal) => "it must be a UUID, such as \"3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41\".",
        _ => message,
    };

    // The type the value could not be converted to decides what to ask for. For a record's constructor parameter the
    // message names the record, so the field's own type is looked up on it. The outermost type counts: a list of
    // strings needs a list.
    private static string Expected(string message, string field)
    {
        var target = TargetType(message);
        var type = TypeNamed(target);
        if (type is not null && !type.IsEnum && type.IsClass && type != typeof(string))
        {
            var name = field.Split('.')[^1];
            type = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType ?? type;
        }

        return type is null ? Scalar(target) : Describe(Nullable.GetUnderlyingType(type) ?? type, target);
    }

    private static string Describe(Type type, string target) => type switch
    {
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName))}",
        _ when type == typeof(string) => "a string",
        _ when type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) => "a mapping of names to strings",
        _ when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "a list",
        _ => Scalar(type.FullName ?? target),
    };

    private static string TargetType(string message)
    {
        const string marker = "converted to ";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return message;
        }

        start += marker.Length;
        var end = message.IndexOf(". Path", start, StringComparison.Ordinal);
        return end < 0 ? message[start..] : message[start..end];
    }

    // Finds a type among the loaded assemblies by the full name the serializer printed.
    private static Type? TypeNamed(string target)
    {
        var name = target.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? target["System.Nullable`1[".Length..].TrimEnd(']') : target;
        return Type.GetType(name, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies()
                .Select(assembly => assembly.GetType(name, throwOnError: false))
                .FirstOrDefault(found => found is not null);
    }

    private static string Scalar(string message) => message switch
    {
        _ when message.Contains("System.Int32", StringComparison.Ordinal) || message.Contains("System.Int64", StringComparison.Ordinal) => "a whole number",
        _ when message.Contains("System.Double", StringComparison.Ordinal) || message.Contains("System.Decimal", StringComparison.Ordinal) => "a number",
        _ when message.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when message.Contains("System.String", StringComparison.Ordinal) => "a string",
        _ when message.Contains("System.DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 time such as 2026-01-01T10:00:00Z",
        _ when message.Contains("System.TimeSpan", StringComparison.Ordinal) => "a duration such as 00:05:00",
        _ when message.Contains("System.Guid", StringComparison.Ordinal) => "a UUID",
        _ => "an object with the documented fields",
    };
}
