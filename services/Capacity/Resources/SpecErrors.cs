using System.Text.RegularExpressions;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Resources;

/// <summary>Collects field errors of a resource spec and throws them together as one 400 response.</summary>
public sealed partial class SpecErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    /// <summary>Adds an error for a field given by its JSON path.</summary>
    public void Add(string field, string error)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(error);
    }

    /// <summary>Adds an error unless <paramref name="name"/> is a DNS label: lowercase letters, digits and '-', at most 63 characters.</summary>
    public void RequireName(string field, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            Add(field, "The name is missing. Give a lowercase name such as 'feed-api'.");
        }
        else if (!DnsLabel().IsMatch(name))
        {
            Add(field, $"'{name}' is not a valid name. Use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    /// <summary>Throws a <see cref="RequestValidationException"/> when any error was added.</summary>
    public void ThrowIfAny(string kind, string name)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(
                errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray()),
                $"The {kind} '{name}' is invalid; see errors for each field.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex DnsLabel();
}
