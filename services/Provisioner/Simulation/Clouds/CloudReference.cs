namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>
/// The built-in simulated cloud providers and the values a provider takes when configuration does not set them. The
/// public cloud is slower than the private one, as rented capacity usually is.
/// </summary>
public static class CloudReference
{
    /// <summary>The private cloud (OpenStack-like), the first overflow provider.</summary>
    public const string PrivateCloud = "private-cloud";

    /// <summary>The public cloud, the overflow after the private cloud.</summary>
    public const string PublicCloud = "public-cloud";

    /// <summary>The providers that exist without any configuration.</summary>
    public static readonly IReadOnlyList<string> BuiltInProviders = [PrivateCloud, PublicCloud];

    /// <summary>Returns the reference quota of <paramref name="provider"/>: 50 for the public cloud, 20 for any other.</summary>
    public static int MaxNodes(string provider) => IsPublicCloud(provider) ? 50 : 20;

    /// <summary>
    /// Returns the reference latency of <paramref name="operation"/> before <c>TimeScale</c>: 40, 45 and 15 seconds to
    /// create, boot and join a public cloud node, and 20, 30 and 10 seconds for the private cloud and any other provider.
    /// </summary>
    public static TimeSpan Latency(string provider, CloudOperation operation) => (IsPublicCloud(provider), operation) switch
    {
        (true, CloudOperation.CreateVm) => TimeSpan.FromSeconds(40),
        (true, CloudOperation.Boot) => TimeSpan.FromSeconds(45),
        (true, CloudOperation.Join) => TimeSpan.FromSeconds(15),
        (false, CloudOperation.CreateVm) => TimeSpan.FromSeconds(20),
        (false, CloudOperation.Boot) => TimeSpan.FromSeconds(30),
        (false, CloudOperation.Join) => TimeSpan.FromSeconds(10),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "The cloud operation has no reference latency."),
    };

    private static bool IsPublicCloud(string provider) => string.Equals(provider, PublicCloud, StringComparison.OrdinalIgnoreCase);
}
