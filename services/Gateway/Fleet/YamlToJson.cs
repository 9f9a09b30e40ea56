using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Surge.Gateway.Fleet;

/// <summary>
/// Converts YAML documents to JSON. Unquoted scalars take the YAML 1.2 core schema types (null, booleans, integers,
/// floats) so <c>cpuMillicores: 4000</c> becomes a number; quoted scalars stay strings. Anchors and aliases are
/// rejected before the documents are built, because an alias can refer to its own parent (a cycle) or multiply the
/// document's size with each level, and a fleet file needs neither.
/// </summary>
public static partial class YamlToJson
{
    /// <summary>The deepest nesting accepted; a fleet resource needs about five levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>Returns one JSON node per YAML document; empty documents are skipped.</summary>
    /// <exception cref="YamlException">The text is not valid YAML, uses anchors or aliases, nests too deeply, or has a key that is not a scalar.</exception>
    public static IReadOnlyList<JsonNode?> Convert(string yaml)
    {
        RejectAnchorsAndAliases(yaml);

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents
            .Where(document => document.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(document => ToJson(document.RootNode, 0))];
    }

    private static void RejectAnchorsAndAliases(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        while (parser.MoveNext())
        {
            var anchored = parser.Current switch
            {
                AnchorAlias => true,
                NodeEvent node => !node.Anchor.IsEmpty,
                _ => false,
            };
            if (anchored)
            {
                throw new YamlException(parser.Current!.Start, parser.Current.End, "Anchors and aliases (& and *) are not supported in fleet files; write each value out.");
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(node.Start, node.End, $"The document nests deeper than {MaxDepth} levels.");
        }

        return node switch
        {
            YamlMappingNode mapping => new JsonObject(mapping.Children.Select(entry => KeyValuePair.Create(Key(entry.Key), ToJson(entry.Value, depth + 1)))),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(child => ToJson(child, depth + 1))]),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };
    }

    private static string Key(YamlNode key) => key is YamlScalarNode { Value: { } text }
        ? text
        : throw new YamlException(key.Start, key.End, "A mapping key must be a plain string, not a list or a mapping.");

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        // Only the YAML 1.2 core schema's spellings become typed values. Words such as "nan" or "yes" stay strings,
        // and .inf/.nan stay strings too, because JSON has no number for them.
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
