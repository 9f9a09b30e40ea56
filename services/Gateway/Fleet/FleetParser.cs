using System.Text.Json;
using System.Text.Json.Nodes;
using Surge.ServiceDefaults.Problems;
using YamlDotNet.Core;

namespace Surge.Gateway.Fleet;

/// <summary>Reads a fleet file (multi-document YAML, or JSON: one resource, an array, or {"resources": [...]}) into checked resources.</summary>
public static class FleetParser
{
    /// <summary>Parses and checks every resource, or throws a 400 naming each invalid field as <c>documents[i].field</c>.</summary>
    public static IReadOnlyList<FleetResource> Parse(string text, bool isJson)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RequestValidationException("body", "The fleet file is empty. Send YAML documents or JSON with kind, metadata.name and spec.");
        }

        var documents = isJson ? ParseJson(text) : ParseYaml(text);
        if (documents.Count == 0)
        {
            throw new RequestValidationException("body", "The fleet file holds no resources.");
        }

        var errors = new Dictionary<string, string[]>();
        var resources = documents.Select((document, index) => Check(document, index, errors)).OfType<FleetResource>().ToList();
        CheckDuplicates(resources, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The fleet file is invalid; nothing was applied.");
        }

        return resources;
    }

    private static List<JsonNode?> ParseYaml(string text)
    {
        try
        {
            return [.. YamlToJson.Convert(text)];
        }
        catch (YamlException exception)
        {
            throw new RequestValidationException("body", $"The fleet file is not valid YAML at line {exception.Start.Line}, column {exception.Start.Column}: {exception.Message}");
        }
    }

    private static List<JsonNode?> ParseJson(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = YamlToJson.MaxDepth });
        }
        catch (JsonException exception)
        {
            throw new RequestValidationException("body", $"The fleet file is not valid JSON: {exception.Message}");
        }

        return root switch
        {
            JsonArray array => [.. array],
            JsonObject obj when obj["resources"] is JsonArray resources => [.. resources],
            _ => [root],
        };
    }

    private static FleetResource? Check(JsonNode? document, int index, Dictionary<string, string[]> errors)
    {
        var path = $"documents[{index}]";
        if (document is not JsonObject resource)
        {
            errors[path] = ["Each resource must be a mapping with apiVersion, kind, metadata and spec."];
            return null;
        }

        var apiVersion = Text(resource["apiVersion"]);
        if (apiVersion != FleetKinds.ApiVersion)
        {
            errors[$"{path}.apiVersion"] = [$"apiVersion is {(apiVersion is null ? "missing" : $"'{apiVersion}'")}; write apiVersion: {FleetKinds.ApiVersion}."];
        }

        var kind = Text(resource["kind"]);
        if (kind is null || FleetKinds.OrderOf(kind) < 0)
        {
            errors[$"{path}.kind"] = [$"kind is {(kind is null ? "missing" : $"'{kind}'")}; use one of {string.Join(", ", FleetKinds.InApplyOrder.Select(k => k.Kind))}."];
        }

        var name = resource["metadata"] is JsonObject metadata ? Text(metadata["name"]) : null;
        if (string.IsNullOrEmpty(name))
        {
            errors[$"{path}.metadata.name"] = ["metadata.name is missing or not a string. Write metadata: {name: feed-api}."];
        }

        if (resource["spec"] is not JsonObject spec)
        {
            errors[$"{path}.spec"] = ["spec is missing or not a mapping."];
            return null;
        }

        return kind is null || name is null ? null : new FleetResource(index, kind, name, spec);
    }

    // Only JSON strings count: a number or a mapping where a name belongs is reported as missing, not turned into text.
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void CheckDuplicates(List<FleetResource> resources, Dictionary<string, string[]> errors)
    {
        foreach (var duplicate in resources.GroupBy(r => (r.Kind, r.Name)).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First();
            errors[$"documents[{second.Index}].metadata.name"] = [$"{duplicate.Key.Kind} '{duplicate.Key.Name}' appears {duplicate.Count()} times; keep one."];
        }
    }
}
