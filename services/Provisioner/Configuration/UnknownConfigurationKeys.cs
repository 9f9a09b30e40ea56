using System.Reflection;

namespace Surge.Provisioner.Configuration;

/// <summary>
/// Finds configuration keys that no property of an options class binds, so a misspelt setting such as
/// <c>NeverAnswerRatio</c> fails validation instead of being ignored by the configuration binder.
/// </summary>
public static class UnknownConfigurationKeys
{
    /// <summary>
    /// Returns one message per key under <paramref name="section"/> that <paramref name="optionsType"/> does not bind,
    /// naming the full key and the settings that exist. Nested options classes are checked too, and so are the values of
    /// string-keyed dictionaries, whose keys themselves are left to the caller.
    /// </summary>
    public static IEnumerable<string> Find(IConfigurationSection section, Type optionsType)
    {
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                yield return $"{child.Path} is not a setting. Use one of {string.Join(", ", properties.Keys)}.";
                continue;
            }

            foreach (var message in FindInValue(child, property.PropertyType))
            {
                yield return message;
            }
        }
    }

    private static IEnumerable<string> FindInValue(IConfigurationSection section, Type type)
    {
        if (DictionaryValueType(type) is { } valueType)
        {
            return IsOptionsClass(valueType)
                ? section.GetChildren().SelectMany(entry => Find(entry, valueType))
                : [];
        }

        return IsOptionsClass(type) ? Find(section, type) : [];
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static bool IsOptionsClass(Type type) => type.IsClass && type != typeof(string) && !type.IsArray;
}
