using Surge.Capacity.Resources;

namespace Surge.Capacity.Scheduling;

/// <summary>A cloud provider that can add nodes to a pool when a scale-out does not fit.</summary>
/// <param name="Name">The provider's name, as pools list it in their overflow providers.</param>
/// <param name="Kind">Private clouds are tried before public ones.</param>
/// <param name="NodeSize">The allocatable resources of each node it creates.</param>
/// <param name="MaxNodes">How many nodes Surge may hold at the provider at once.</param>
/// <param name="Zones">The zones its nodes go to, round robin.</param>
public sealed record CloudProvider(string Name, CloudKind Kind, ResourceAmounts NodeSize, int MaxNodes, IReadOnlyList<string> Zones);

/// <summary>Which kind of cloud a provider is.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<CloudKind>))]
public enum CloudKind
{
    /// <summary>An OpenStack-like cloud the company runs; cheaper, tried first.</summary>
    Private,

    /// <summary>A public cloud; tried when private clouds cannot hold the rest.</summary>
    Public,
}
