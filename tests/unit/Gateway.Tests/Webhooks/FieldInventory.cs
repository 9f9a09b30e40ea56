using System.Text.Json.Nodes;

namespace Surge.Gateway.Tests.Webhooks;

/// <summary>
/// Builds a body with every field a field inventory under Data/ lists, each with a value of its documented type. A
/// parser is so tested on the whole field set of a source's release, not only on the fields of one capture.
/// </summary>
internal static class FieldInventory
{
    /// <summary>Returns the names the inventory lists under <paramref name="section"/>.</summary>
    public static IReadOnlyList<string> Names(string inventoryFile, string section) =>
        [.. JsonNode.Parse(TestData.Text(inventoryFile))![section]!.AsArray().Select(field => field!["name"]!.GetValue<string>())];

    /// <summary>Returns an object with a sample for every listed name; fails when a name has no sample.</summary>
    public static JsonObject Object(IEnumerable<string> names, IReadOnlyDictionary<string, Func<JsonNode?>> samples)
    {
        var body = new JsonObject();
        foreach (var name in names)
        {
            Assert.True(samples.ContainsKey(name), $"The inventory lists '{name}', which the test has no sample for; add one and check what the parser does with it.");
            body[name] = samples[name]();
        }

        return body;
    }
}
