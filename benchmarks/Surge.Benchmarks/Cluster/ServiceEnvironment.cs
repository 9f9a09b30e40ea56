using System.Globalization;

namespace Surge.Benchmarks.Cluster;

/// <summary>The environment variables each service runs with in the benchmark.</summary>
public static class ServiceEnvironment
{
    /// <summary>Returns the project folder name of a service, such as <c>LoadBalancer</c> for <c>loadbalancer</c>.</summary>
    public static string ProjectName(string name) => name == "loadbalancer" ? "LoadBalancer" : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Returns the environment of service <paramref name="name"/>.</summary>
    public static Dictionary<string, string> For(
        string name,
        string postgres,
        string rabbitMq,
        IReadOnlyDictionary<string, int> ports,
        string dataPlaneUrl,
        string adminKey,
        double? timeScale = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__RabbitMq"] = rabbitMq,
            ["Surge__ServiceName"] = name,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };

        switch (name)
        {
            case "gateway":
                environment["Gateway__Authentication__ApiKeys__0__Name"] = "surge-bench";
                environment["Gateway__Authentication__ApiKeys__0__Key"] = adminKey;
                environment["Gateway__Authentication__ApiKeys__0__Role"] = "admin";

                // The benchmark sends every request from one address, far above the default per-client limit.
                environment["Gateway__RateLimitPermits"] = "1000000";
                foreach (var (participant, port) in ports.Where(entry => entry.Key != "gateway"))
                {
                    environment[$"Gateway__Services__{ProjectName(participant)}"] = $"http://127.0.0.1:{port}";
                }

                break;
            case "loadbalancer":
                environment["LoadBalancer__DataPlaneUrl"] = dataPlaneUrl;
                break;
            case "provisioner" when timeScale is { } scale:
                // Every operation keeps its reference latency (three minutes to start or update an instance, five seconds
                // to stop one), shortened by the same factor, so strategies compared in one run wait alike.
                environment["SimulatedDataCentre__TimeScale"] = scale.ToString("R", CultureInfo.InvariantCulture);
                environment["SimulatedDataCentre__InstancePort"] = "0";
                break;
            case "provisioner":
                // A start takes no simulated time, so the saga's step times are orchestration alone. TimeScale must be
                // greater than 0, so it is set as small as the options allow in practice.
                environment["SimulatedDataCentre__TimeScale"] = "0.000001";
                environment["SimulatedDataCentre__Operations__StartInstance__Latency__Kind"] = "Fixed";
                environment["SimulatedDataCentre__Operations__StartInstance__Latency__Mean"] = "00:00:00";
                environment["SimulatedDataCentre__InstancePort"] = "0";
                break;
        }

        return environment;
    }
}
