using System.Text.Json;

namespace Surge.Ipam.Tests.TestSupport;

/// <summary>Compares events by type and JSON body, because records holding lists compare the lists by reference.</summary>
public sealed class EventComparer : IEqualityComparer<object>
{
    public static EventComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) =>
        x?.GetType() == y?.GetType() && JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y);

    public int GetHashCode(object obj) => obj.GetType().GetHashCode();
}
