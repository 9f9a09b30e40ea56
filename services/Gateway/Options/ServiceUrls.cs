using System.ComponentModel.DataAnnotations;

namespace Surge.Gateway.Options;

/// <summary>The base URL of each Surge service, such as <c>http://127.0.0.1:5081</c>.</summary>
public sealed class ServiceUrls
{
    /// <summary>The Capacity service.</summary>
    [Required(ErrorMessage = "Gateway:Services:Capacity is missing. Set it to the Capacity service's base URL.")]
    [HttpUrl(ErrorMessage = "Gateway:Services:Capacity must be an absolute http or https URL, such as http://127.0.0.1:5081.")]
    public string Capacity { get; set; } = "";

    /// <summary>The Ipam service.</summary>
    [Required(ErrorMessage = "Gateway:Services:Ipam is missing. Set it to the Ipam service's base URL.")]
    [HttpUrl(ErrorMessage = "Gateway:Services:Ipam must be an absolute http or https URL, such as http://127.0.0.1:5082.")]
    public string Ipam { get; set; } = "";

    /// <summary>The Provisioner service.</summary>
    [Required(ErrorMessage = "Gateway:Services:Provisioner is missing. Set it to the Provisioner service's base URL.")]
    [HttpUrl(ErrorMessage = "Gateway:Services:Provisioner must be an absolute http or https URL, such as http://127.0.0.1:5083.")]
    public string Provisioner { get; set; } = "";

    /// <summary>The Rollout service.</summary>
    [Required(ErrorMessage = "Gateway:Services:Rollout is missing. Set it to the Rollout service's base URL.")]
    [HttpUrl(ErrorMessage = "Gateway:Services:Rollout must be an absolute http or https URL, such as http://127.0.0.1:5084.")]
    public string Rollout { get; set; } = "";

    /// <summary>The LoadBalancer service.</summary>
    [Required(ErrorMessage = "Gateway:Services:LoadBalancer is missing. Set it to the LoadBalancer service's base URL.")]
    [HttpUrl(ErrorMessage = "Gateway:Services:LoadBalancer must be an absolute http or https URL, such as http://127.0.0.1:5085.")]
    public string LoadBalancer { get; set; } = "";

    /// <summary>Returns the setting under <c>Gateway:Services</c> for a route name such as <c>loadbalancer</c>.</summary>
    public static string SettingName(string routeName) =>
        typeof(ServiceUrls).GetProperties().FirstOrDefault(property => string.Equals(property.Name, routeName, StringComparison.OrdinalIgnoreCase))?.Name ?? routeName;

    /// <summary>Returns each service's route name and URL.</summary>
    public IReadOnlyDictionary<string, string> ByName() => new Dictionary<string, string>
    {
        ["capacity"] = Capacity,
        ["ipam"] = Ipam,
        ["provisioner"] = Provisioner,
        ["rollout"] = Rollout,
        ["loadbalancer"] = LoadBalancer,
    };
}
