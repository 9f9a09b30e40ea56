namespace Surge.Cli.Http;

/// <summary>One backend of a service's pool at the load balancer, as <c>GET /api/loadbalancer/services/{service}/backends</c> lists it.</summary>
internal sealed record BackendView(string InstanceId, string Endpoint);
