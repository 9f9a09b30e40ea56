using System.ComponentModel.DataAnnotations;

namespace Surge.Gateway.Options;

/// <summary>Where the gateway finds the services and how much it accepts, bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Gateway";

    /// <summary>The base URL of each service.</summary>
    [Required]
    public ServiceUrls Services { get; set; } = new();

    /// <summary>The largest request body accepted, in bytes. Default 1 MiB, far above any real alert notification or fleet file.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Gateway:MaxRequestBodyBytes must be between 1 KiB and 64 MiB.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests one client address may send per <see cref="RateLimitWindow"/>. Default 600.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Gateway:RateLimitPermits must be between 1 and 1000000.")]
    public int RateLimitPermits { get; set; } = 600;

    /// <summary>The window the rate limit counts in. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Gateway:RateLimitWindow must be between 1 second and 1 hour.")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);
}
