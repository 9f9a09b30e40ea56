using System.Text.RegularExpressions;

namespace Surge.Capacity.Resources;

/// <summary>Checks of the label and taint keys that nodes and instance shapes share.</summary>
public static partial class PlacementRules
{
    /// <summary>Adds an error for each label whose key or value is not usable.</summary>
    public static void ValidateLabels(SpecErrors errors, string field, IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            ValidateKey(errors, $"{field}.{key}", key, "label");
            if (value is null || value.Length > 63)
            {
                errors.Add($"{field}.{key}", $"The value of label '{key}' must be a string of at most 63 characters.");
            }
        }
    }

    /// <summary>Adds an error unless <paramref name="key"/> is a label key such as 'disk' or 'surge.io/gpu'.</summary>
    public static void ValidateKey(SpecErrors errors, string field, string? key, string kind)
    {
        if (string.IsNullOrEmpty(key) || !Key().IsMatch(key))
        {
            errors.Add(field, $"'{key}' is not a valid {kind} key. Use letters, digits, '-', '_', '.' and one optional '/' prefix, such as 'disktype' or 'surge.io/dedicated', at most 253 characters.");
        }
    }

    [GeneratedRegex("^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?\\z")]
    private static partial Regex Key();
}
