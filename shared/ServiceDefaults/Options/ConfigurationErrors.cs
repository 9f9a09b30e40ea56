using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Surge.ServiceDefaults.Options;

/// <summary>
/// The explanation a service gives when it cannot start because of a setting: each failure with the value the
/// setting has and the environment variable that sets it, instead of the runtime's stack trace.
/// </summary>
public static partial class ConfigurationErrors
{
    /// <summary>Returns one line per invalid setting in <paramref name="exception"/>, or null when no setting caused it.</summary>
    public static IReadOnlyList<string>? Explain(Exception exception, IConfiguration configuration)
    {
        var lines = new List<string>();
        foreach (var cause in Causes(exception))
        {
            if (cause is OptionsValidationException invalid)
            {
                lines.AddRange(invalid.Failures.Select(failure => DescribeFailure(failure, configuration)));
            }
            else if (cause is InvalidOperationException && NotConvertible().Match(cause.Message) is { Success: true } match)
            {
                lines.Add(DescribeUnreadable(match.Groups["key"].Value, match.Groups["value"].Value, match.Groups["type"].Value));
            }
        }

        // An options class registered by two parts of a service is validated twice, with the same failures.
        return lines.Count == 0 ? null : lines.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the environment variable that sets <paramref name="key"/>, such as <c>Outbox__HandOffTimeout</c>.</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    // The host reports one invalid options class as the exception itself and several as an AggregateException, and
    // the configuration binder wraps its conversion error in the exception of the options that failed.
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        if (exception is AggregateException aggregate)
        {
            return aggregate.InnerExceptions.SelectMany(Causes);
        }

        return exception.InnerException is null ? [exception] : [exception, .. Causes(exception.InnerException)];
    }

    // Validation messages start with the setting's full key, such as "Outbox:HandOffTimeout must be between ...".
    // Data annotations wrap them in a sentence that names the options class and its members, which is dropped.
    private static string DescribeFailure(string failure, IConfiguration configuration)
    {
        if (DataAnnotationFailure().Match(failure) is { Success: true } annotated)
        {
            failure = annotated.Groups["message"].Value;
        }

        var match = LeadingKey().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        // A message about one entry of a named list, such as "Overflow:Providers:private-cloud: MaxNodes must ...",
        // names the entry and then the setting.
        var key = match.Groups["member"].Success ? $"{match.Groups["key"].Value}:{match.Groups["member"].Value}" : match.Groups["key"].Value;
        var value = configuration[key];
        var current = value switch
        {
            null when configuration.GetSection(key).GetChildren().Any() => "its settings are below it",
            null => "not set",
            _ when IsSecret(key) => "set, value hidden",
            _ => $"now '{Shown(value)}'",
        };
        return $"{failure} ({current}; {WhereToSet(key)})";
    }

    private static string WhereToSet(string key) => $"environment variable {EnvironmentVariable(key)} or command-line argument --{key}=";

    private static string DescribeUnreadable(string key, string value, string type)
    {
        var shownValue = IsSecret(key) ? "Its value" : $"'{Shown(value)}'";
        return $"{key}: {shownValue} is not {Format(type)} ({WhereToSet(key)}).";
    }

    private static string Format(string type) => type switch
    {
        "System.TimeSpan" => "a duration. Write it as hh:mm:ss with optional fractions of a second, such as 00:00:02 or 00:00:00.250",
        "System.Int32" => $"a whole number from {int.MinValue} to {int.MaxValue}, such as 10",
        "System.Int64" => $"a whole number from {long.MinValue} to {long.MaxValue}, such as 10",
        "System.Double" or "System.Decimal" => "a number, such as 0.5",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URI, such as http://127.0.0.1:5081",
        _ when EnumNamed(type) is { } values => $"one of {string.Join(", ", Enum.GetNames(values))}",
        _ => $"a valid {type}",
    };

    // The binder names the options' enum types by full name, which the loaded assemblies resolve.
    private static Type? EnumNamed(string typeName) => AppDomain.CurrentDomain.GetAssemblies()
        .Select(assembly => assembly.GetType(typeName, throwOnError: false))
        .FirstOrDefault(type => type is { IsEnum: true });

    // Connection strings, passwords and keys carry credentials, which do not belong in a log. Only the setting's own
    // name counts, so a role or a name under a key list stays visible.
    private static bool IsSecret(string key) =>
        key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) ||
        SecretWord().IsMatch(key[(key.LastIndexOf(':') + 1)..]);

    // A URL may carry a user name and password before its host, which are masked.
    private static string Shown(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.UserInfo.Length > 0
            ? value.Replace(url.UserInfo, "***", StringComparison.Ordinal)
            : value;

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9]*(:[A-Za-z0-9_.-]*[A-Za-z0-9_])+)(: (?<member>[A-Z][A-Za-z0-9]*) )?")]
    private static partial Regex LeadingKey();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex NotConvertible();

    [GeneratedRegex("^(key|apikey|.*password.*|.*secret.*|.*token.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretWord();
}
