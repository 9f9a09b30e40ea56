using System.Text.Json.Nodes;

namespace Surge.Gateway.Fleet;

/// <summary>One declarative resource of a fleet file, checked and ready to apply.</summary>
/// <param name="Index">The resource's position in the file, for error paths such as <c>documents[2].spec.cidr</c>.</param>
public sealed record FleetResource(int Index, string Kind, string Name, JsonObject Spec);
