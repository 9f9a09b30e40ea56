using System.Text.Json;
using System.Text.Json.Serialization;

namespace Surge.Capacity.Resources;

/// <summary>Writes and reads an enum as its camelCase name, and refuses numbers, so a resource file says 'pack', never 1.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
