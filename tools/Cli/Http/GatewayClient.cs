using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Surge.Cli.Http;

/// <summary>The gateway's HTTP API as surge-cli uses it.</summary>
/// <param name="gateway">The gateway's base URL, ending with <c>/</c>.</param>
internal sealed class GatewayClient(JsonHttp http, Uri gateway)
{
    private const string CorrelationHeader = "X-Correlation-Id";

    // Left-out fields take the gateway's defaults, which an explicit null would not always do.
    private static readonly JsonSerializerOptions WithoutNulls = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Uri BaseUrl { get; } = gateway;

    /// <summary>Posts a fleet file to <c>POST /api/fleet</c> with <paramref name="mediaType"/> as its Content-Type.</summary>
    public Task<FleetApplyResult> ApplyFleetAsync(byte[] content, string mediaType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("api/fleet"))
        {
            Content = JsonHttp.Content(content, mediaType),
        };
        return http.SendForJsonAsync<FleetApplyResult>(request, cancellationToken);
    }

    /// <summary>Posts an Alertmanager webhook body to <c>POST /webhooks/alertmanager</c> with the headers Alertmanager sends.</summary>
    public async Task<AlarmPosted> PostAlertmanagerWebhookAsync(string body, string userAgent, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("webhooks/alertmanager"))
        {
            Content = JsonHttp.Content(Encoding.UTF8.GetBytes(body), contentType),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);

        using var response = await http.SendAsync(request, cancellationToken);
        var intake = await JsonHttp.ReadJsonAsync<AlertIntakeResponse>(request, response, cancellationToken);
        var correlationId = response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
        return new AlarmPosted(intake, correlationId);
    }

    /// <summary>Reads a saga from <c>GET /api/sagas/{id}</c>.</summary>
    public Task<SagaView> GetSagaAsync(string sagaId, CancellationToken cancellationToken) =>
        http.SendForJsonAsync<SagaView>(Get("api/sagas/" + Uri.EscapeDataString(sagaId)), cancellationToken);

    /// <summary>Reads a saga, or returns null while the gateway does not know it yet (404).</summary>
    public async Task<SagaView?> FindSagaAsync(string sagaId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetSagaAsync(sagaId, cancellationToken);
        }
        catch (GatewayProblemException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Reads the events of a saga from <c>GET /api/audit/sagas/{id}</c>; none while the saga's stream does not exist yet (404).</summary>
    public async Task<IReadOnlyList<AuditEventView>> GetSagaEventsAsync(string sagaId, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendForJsonAsync<AuditEventView[]>(Get("api/audit/sagas/" + Uri.EscapeDataString(sagaId)), cancellationToken);
        }
        catch (GatewayProblemException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    /// <summary>Reads the events of all services that carry a correlation id, from <c>GET /api/audit/correlations/{id}</c>.</summary>
    public async Task<IReadOnlyList<AuditEventView>> GetCorrelationEventsAsync(string correlationId, CancellationToken cancellationToken) =>
        await http.SendForJsonAsync<AuditEventView[]>(Get("api/audit/correlations/" + Uri.EscapeDataString(correlationId)), cancellationToken);

    /// <summary>Runs the invariant check through <c>GET /api/invariants</c>.</summary>
    public Task<InvariantReport> GetInvariantsAsync(CancellationToken cancellationToken) =>
        http.SendForJsonAsync<InvariantReport>(Get("api/invariants"), cancellationToken);

    /// <summary>Reads how many more instances of a declared service fit, from <c>GET /api/inventory/{service}</c>.</summary>
    public Task<JsonReply<InventoryReportView>> GetInventoryAsync(string service, CancellationToken cancellationToken) =>
        http.SendForJsonReplyAsync<InventoryReportView>(Get("api/inventory/" + Uri.EscapeDataString(service)), cancellationToken);

    /// <summary>Posts <paramref name="query"/> to <c>POST /api/inventory</c> and reads how many more instances fit.</summary>
    public Task<JsonReply<InventoryReportView>> QueryInventoryAsync(InventoryQuery query, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("api/inventory"))
        {
            Content = JsonHttp.Content(JsonSerializer.SerializeToUtf8Bytes(query, JsonHttp.SerializerOptions), "application/json"),
        };
        return http.SendForJsonReplyAsync<InventoryReportView>(request, cancellationToken);
    }

    /// <summary>Reads every subnet with its address counts from <c>GET /api/ipam/subnets</c>.</summary>
    public Task<JsonReply<SubnetView[]>> GetSubnetsAsync(CancellationToken cancellationToken) =>
        http.SendForJsonReplyAsync<SubnetView[]>(Get("api/ipam/subnets"), cancellationToken);

    /// <summary>Reads the live allocations that match <paramref name="filter"/> from <c>GET /api/ipam/allocations</c>.</summary>
    public Task<JsonReply<AllocationView[]>> GetAllocationsAsync(AllocationFilter filter, CancellationToken cancellationToken) =>
        http.SendForJsonReplyAsync<AllocationView[]>(Get("api/ipam/allocations" + filter.ToQueryString()), cancellationToken);

    /// <summary>Reads the open address conflicts, of one subnet or of all, from <c>GET /api/ipam/conflicts</c>.</summary>
    public Task<JsonReply<ConflictView[]>> GetConflictsAsync(string? subnet, CancellationToken cancellationToken)
    {
        var query = subnet is null ? "" : "?subnet=" + Uri.EscapeDataString(subnet);
        return http.SendForJsonReplyAsync<ConflictView[]>(Get("api/ipam/conflicts" + query), cancellationToken);
    }

    /// <summary>Starts a rollout with <c>POST /api/rollouts</c>, sending <paramref name="request"/> as JSON without its null fields.</summary>
    public Task<RolloutView> StartRolloutAsync(object request, CancellationToken cancellationToken) =>
        http.SendForJsonAsync<RolloutView>(PostJson("api/rollouts", request), cancellationToken);

    /// <summary>Reads a rollout from <c>GET /api/rollouts/{id}</c>.</summary>
    public Task<RolloutView> GetRolloutAsync(string rolloutId, CancellationToken cancellationToken) =>
        http.SendForJsonAsync<RolloutView>(Get("api/rollouts/" + Uri.EscapeDataString(rolloutId)), cancellationToken);

    /// <summary>Lists rollouts, newest first, of one service or of all, from <c>GET /api/rollouts</c>.</summary>
    public Task<RolloutView[]> ListRolloutsAsync(string? service, CancellationToken cancellationToken)
    {
        var query = service is null ? "" : "?service=" + Uri.EscapeDataString(service);
        return http.SendForJsonAsync<RolloutView[]>(Get("api/rollouts" + query), cancellationToken);
    }

    /// <summary>
    /// Sends <c>POST /api/rollouts/{id}/{command}</c> (<c>pause</c>, <c>resume</c>, <c>abort</c> or <c>rollback</c>).
    /// <paramref name="body"/> is null for <c>resume</c>, which takes none.
    /// </summary>
    public Task<RolloutView> SteerRolloutAsync(string rolloutId, string command, RolloutCommandRequest? body, CancellationToken cancellationToken)
    {
        var path = $"api/rollouts/{Uri.EscapeDataString(rolloutId)}/{command}";
        var request = body is null ? new HttpRequestMessage(HttpMethod.Post, Url(path)) : PostJson(path, body);
        return http.SendForJsonAsync<RolloutView>(request, cancellationToken);
    }

    /// <summary>Reads the backends of a service's pool from <c>GET /api/loadbalancer/services/{service}/backends</c>.</summary>
    public Task<BackendView[]> GetBackendsAsync(string service, CancellationToken cancellationToken) =>
        http.SendForJsonAsync<BackendView[]>(Get($"api/loadbalancer/services/{Uri.EscapeDataString(service)}/backends"), cancellationToken);

    /// <summary>Reads the running instances of a service with their images from <c>GET /api/provisioner/instances</c>.</summary>
    public Task<InstanceImageView[]> GetRunningInstancesAsync(string service, CancellationToken cancellationToken) =>
        http.SendForJsonAsync<InstanceImageView[]>(Get($"api/provisioner/instances?service={Uri.EscapeDataString(service)}&state=Started"), cancellationToken);

    private HttpRequestMessage Get(string path) => new(HttpMethod.Get, Url(path));

    private HttpRequestMessage PostJson(string path, object body) => new(HttpMethod.Post, Url(path))
    {
        Content = JsonHttp.Content(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), WithoutNulls), "application/json"),
    };

    private Uri Url(string path) => new(BaseUrl, path);
}
