using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Invariants;

/// <summary>Reads a <see cref="FleetSnapshot"/> through the HTTP APIs of Capacity, Ipam, Provisioner and LoadBalancer.</summary>
public sealed partial class FleetSnapshotReader(ServiceClient services, ILogger<FleetSnapshotReader> logger)
{
    private const int MaxParallelRequests = 8;

    /// <summary>
    /// Reads the snapshot; throws <see cref="DependencyUnavailableException"/> naming the first service that does not respond.
    /// The services are read one after another, not in one transaction, so records that change during the read show up in flight.
    /// </summary>
    public async Task<FleetSnapshot> ReadAsync(string correlationId, CancellationToken cancellationToken)
    {
        // 1. Sagas first, so a saga seen finished here had finished before any record below was read.
        var listing = await ListSagasAsync(correlationId, cancellationToken);

        // 2. The records of every participant.
        var nodes = GetListAsync<NodeRecord>("capacity", "/nodes", correlationId, cancellationToken);
        var allocations = GetListAsync<AllocationRecord>("ipam", "/allocations", correlationId, cancellationToken);
        var instances = GetListAsync<InstanceRecord>("provisioner", "/instances", correlationId, cancellationToken);
        var backends = ListBackendsAsync(correlationId, cancellationToken);
        await Task.WhenAll(nodes, allocations, instances, backends);

        // 3. Sagas the listing missed: older than a full page, or started during the read.
        var referenced = (await nodes).SelectMany(node => node.Reservations.Select(reservation => reservation.SagaId))
            .Concat((await allocations).Select(allocation => allocation.SagaId))
            .Concat((await instances).Select(instance => instance.SagaId))
            .Concat((await backends).Select(backend => backend.SagaId));
        var missing = referenced.Where(sagaId => sagaId != Guid.Empty && !listing.Contains(sagaId)).Distinct().ToList();
        var lookedUp = await LookUpSagasAsync(missing, correlationId, cancellationToken);

        return new FleetSnapshot(await nodes, await allocations, await instances, await backends, SagaPhaseResolver.Resolve(listing, lookedUp));
    }

    private async Task<SagaListing> ListSagasAsync(string correlationId, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(SagaListing.Statuses.Select(async status =>
            (Status: status, Sagas: await GetListAsync<SagaRecord>("capacity", $"/sagas?status={status}", correlationId, cancellationToken))));
        return new SagaListing(pages.ToDictionary(page => page.Status, page => page.Sagas));
    }

    private async Task<IReadOnlyList<BackendRecord>> ListBackendsAsync(string correlationId, CancellationToken cancellationToken)
    {
        var pools = await GetListAsync<LoadBalancedService>("loadbalancer", "/services", correlationId, cancellationToken);
        var backends = new ConcurrentBag<BackendRecord>();
        await Parallel.ForEachAsync(pools, ParallelOptions(cancellationToken), async (pool, token) =>
        {
            var path = $"/services/{Uri.EscapeDataString(pool.Service)}/backends";
            foreach (var member in await GetAsync<PoolMember[]>("loadbalancer", path, correlationId, token) ?? [])
            {
                backends.Add(new BackendRecord(pool.Service, member.InstanceId, member.Endpoint, member.SagaId));
            }
        });
        return [.. backends];
    }

    private async Task<IReadOnlyList<SagaRecord>> LookUpSagasAsync(IReadOnlyList<Guid> sagaIds, string correlationId, CancellationToken cancellationToken)
    {
        var sagas = new ConcurrentBag<SagaRecord>();
        await Parallel.ForEachAsync(sagaIds, ParallelOptions(cancellationToken), async (sagaId, token) =>
        {
            if (await GetAsync<SagaRecord>("capacity", $"/sagas/{sagaId}", correlationId, token) is { } saga)
            {
                sagas.Add(saga);
            }
        });
        return [.. sagas];
    }

    private async Task<IReadOnlyList<T>> GetListAsync<T>(string service, string path, string correlationId, CancellationToken cancellationToken) =>
        await GetAsync<T[]>(service, path, correlationId, cancellationToken) ?? throw Unavailable(service, path, HttpStatusCode.NotFound);

    // Returns null for a 404, which the callers that read one resource take as "does not exist".
    private async Task<T?> GetAsync<T>(string service, string path, string correlationId, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await services.SendAsync(service, HttpMethod.Get, path, null, correlationId, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Unavailable(service, path, response.StatusCode, await ServiceProblem.ReadExplanationAsync(response, cancellationToken));
            }

            return await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // ServiceClient also reports a service that does not respond in time this way.
            throw new DependencyUnavailableException(service, exception);
        }
    }

    private DependencyUnavailableException Unavailable(string service, string path, HttpStatusCode statusCode, string? explanation = null)
    {
        LogServiceFailed(logger, service, (int)statusCode, path);
        return DependencyUnavailableException.Responded(service, (int)statusCode, explanation, "Nothing was checked; retry the request.");
    }

    private static ParallelOptions ParallelOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken };

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Service {Service} responded {StatusCode} to GET {Path} during an invariant check")]
    private static partial void LogServiceFailed(ILogger logger, string service, int statusCode, string path);

    private sealed record LoadBalancedService(string Service);

    private sealed record PoolMember(Guid InstanceId, string Endpoint, Guid SagaId);
}
