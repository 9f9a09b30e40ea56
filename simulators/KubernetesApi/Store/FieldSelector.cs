using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>
/// A field selector of <c>path=value</c> and <c>path!=value</c> terms over <c>metadata.name</c>,
/// <c>metadata.namespace</c>, <c>spec.nodeName</c> and <c>status.phase</c>.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] SupportedPaths = ["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase"];
    private readonly IReadOnlyList<(string Path, string Value, bool Equal)> terms;

    private FieldSelector(IReadOnlyList<(string Path, string Value, bool Equal)> terms) => this.terms = terms;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> for an unsupported field.</summary>
    public static FieldSelector Parse(string? text)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equal = !term.Contains("!=", StringComparison.Ordinal);
            var parts = equal ? term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2) : term.Split("!=", 2);
            if (parts.Length != 2 || !SupportedPaths.Contains(parts[0]))
            {
                throw new FormatException($"field selector term '{term}' is not supported; use one of {string.Join(", ", SupportedPaths)} with = or !=");
            }

            terms.Add((parts[0], parts[1], equal));
        }

        return new(terms);
    }

    /// <summary>Returns whether <paramref name="resource"/> meets every term.</summary>
    public bool Matches(JsonObject resource) =>
        terms.All(term => (Read(resource, term.Path) ?? "") == term.Value == term.Equal);

    private static string? Read(JsonObject resource, string path)
    {
        JsonNode? node = resource;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject parent && parent.TryGetPropertyValue(segment, out var child) ? child : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
