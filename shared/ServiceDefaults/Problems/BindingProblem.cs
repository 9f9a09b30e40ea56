using System.Text.RegularExpressions;

namespace Surge.ServiceDefaults.Problems;

/// <summary>
/// Turns ASP.NET Core's message for a route or query value it could not bind into the field and what to write
/// instead, so such a 400 names the field in <c>errors</c> like every other validation problem.
/// </summary>
public static partial class BindingProblem
{
    /// <summary>Returns the field and the error for a binding failure message, or null for any other message.</summary>
    public static (string Field, string Error)? Describe(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var field = failed.Groups["name"].Value;
            return (field, $"'{failed.Groups["value"].Value}' is not valid for {field}: it must be {FormOf(failed.Groups["type"].Value)}.");
        }

        if (Missing().Match(message) is { Success: true } missing)
        {
            var field = missing.Groups["name"].Value;
            return (field, $"{field} is missing: give {FormOf(missing.Groups["type"].Value)} in the {missing.Groups["source"].Value.TrimEnd('.')}.");
        }

        return null;
    }

    // The form to write for the parameter's type, as ASP.NET Core prints the type (for example Nullable<DateTimeOffset>).
    private static string FormOf(string type) => type switch
    {
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "a time in ISO 8601 form, such as 2026-12-05T14:00:00Z",
        _ when type.Contains("TimeSpan", StringComparison.Ordinal) => "a duration written as hh:mm:ss, such as 00:02:00",
        _ when type.Contains("Guid", StringComparison.Ordinal) => "a UUID, such as 3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41",
        _ when type.Contains("Int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.Ordinal) => "a whole number",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("Double", StringComparison.OrdinalIgnoreCase) || type.Contains("Decimal", StringComparison.OrdinalIgnoreCase) => "a number",
        _ => "a value",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ ]+)\" was not provided from (?<source>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Missing();
}
