namespace Surge.Ipam.Tests.TestSupport;

/// <summary>Fixed times and ids, so every test decides the same way on every run.</summary>
internal static class Fixed
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly Guid Saga = Guid.Parse("5a9a0000-0000-0000-0000-000000000001");

    /// <summary>Returns the id of test instance <paramref name="number"/>, readable in assertion output.</summary>
    public static Guid Instance(int number) => Guid.Parse($"11111111-0000-0000-0000-{number:D12}");
}
