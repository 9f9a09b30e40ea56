using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>
/// An equality-based label selector: comma-separated <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c> (exists) and
/// <c>!k</c> (absent). Set-based forms such as <c>k in (a,b)</c> are not supported.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<JsonObject?, bool>> requirements;

    private LabelSelector(IReadOnlyList<Func<JsonObject?, bool>> requirements) => this.requirements = requirements;

    /// <summary>A selector that matches every object.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> for a form it does not support.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new([.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseRequirement)]);
    }

    /// <summary>Returns whether <paramref name="labels"/> meets every requirement.</summary>
    public bool Matches(JsonObject? labels) => requirements.All(requirement => requirement(labels));

    private static Func<JsonObject?, bool> ParseRequirement(string term)
    {
        if (term.Contains(" in ", StringComparison.Ordinal) || term.Contains(" notin ", StringComparison.Ordinal) || term.Contains('('))
        {
            throw new FormatException($"label selector term '{term}' is set-based; the simulator supports k=v, k==v, k!=v, k and !k");
        }

        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            var (key, value) = (term[..notEqual].Trim(), term[(notEqual + 2)..].Trim());
            return labels => Value(labels, key) != value;
        }

        var equal = term.IndexOf('=', StringComparison.Ordinal);
        if (equal > 0)
        {
            var (key, value) = (term[..equal].Trim(), term[(equal + 1)..].TrimStart('=').Trim());
            return labels => Value(labels, key) == value;
        }

        return term.StartsWith('!')
            ? labels => Value(labels, term[1..]) is null
            : labels => Value(labels, term) is not null;
    }

    private static string? Value(JsonObject? labels, string key) =>
        labels is not null && labels.TryGetPropertyValue(key, out var value) ? value?.GetValue<string>() : null;
}
