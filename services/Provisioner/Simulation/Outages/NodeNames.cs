using System.Text.RegularExpressions;

namespace Surge.Provisioner.Simulation.Outages;

/// <summary>Checks a node name taken from a request path.</summary>
public static partial class NodeNames
{
    /// <summary>The longest node name accepted, the maximum length of a DNS name.</summary>
    public const int MaxLength = 253;

    /// <summary>
    /// Returns why <paramref name="node"/> is not a node name, or null when it is one: 1 to 253 lower-case letters,
    /// digits, hyphens and dots, starting and ending with a letter or digit, as Capacity and the simulated clouds name nodes.
    /// </summary>
    public static string? FindProblem(string? node)
    {
        if (string.IsNullOrWhiteSpace(node))
        {
            return "The node name is empty. Give the name of a node, such as 'feed-1'.";
        }

        if (node.Length > MaxLength)
        {
            return $"The node name has {node.Length} characters, but at most {MaxLength} are allowed.";
        }

        return NodeName().IsMatch(node)
            ? null
            : $"'{node}' is not a valid node name. Use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, such as 'feed-1'.";
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\\z")]
    private static partial Regex NodeName();
}
