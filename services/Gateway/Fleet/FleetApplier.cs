using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Fleet;

/// <summary>
/// Applies fleet resources to the services that own them, in dependency order. Each resource is applied on its own,
/// so a failure part-way leaves the earlier ones applied; applying is idempotent, so fixing the file and applying it
/// again converges.
/// </summary>
public sealed partial class FleetApplier(ServiceClient services, ILogger<FleetApplier> logger)
{
    /// <summary>Applies every resource and returns each outcome; throws a 400 keyed by <c>documents[i]</c> when a service rejects one.</summary>
    public async Task<FleetApplyResult> ApplyAsync(IReadOnlyList<FleetResource> resources, string correlationId, CancellationToken cancellationToken)
    {
        var applied = new List<JsonNode?>();
        foreach (var resource in resources.OrderBy(r => FleetKinds.OrderOf(r.Kind)).ThenBy(r => r.Index))
        {
            var (_, service, path) = FleetKinds.InApplyOrder[FleetKinds.OrderOf(resource.Kind)];
            using var response = await SendAsync(service, $"{path}/{Uri.EscapeDataString(resource.Name)}", resource, applied.Count, correlationId, cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
            {
                throw await RejectionAsync(resource, response, applied.Count, cancellationToken);
            }

            if (!response.IsSuccessStatusCode)
            {
                LogServiceFailed(logger, service, (int)response.StatusCode, resource.Kind, resource.Name);
                var explanation = await ServiceProblem.ReadExplanationAsync(response, cancellationToken);
                throw DependencyUnavailableException.Responded(service, (int)response.StatusCode, explanation, PartlyApplied(resource, applied.Count));
            }

            applied.Add(await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken));
        }

        foreach (var subnet in resources.Where(r => r.Kind == "Subnet"))
        {
            await AwaitCapacityReportAsync(subnet.Name, correlationId, cancellationToken);
        }

        return new FleetApplyResult(applied);
    }

    // Capacity learns a subnet's addresses from Ipam's report over the broker, a moment after Ipam applied it. Until
    // then placement sees no address on the subnet's nodes, so an alert right after the apply would not fit. The apply
    // answers once Capacity holds a report of every subnet in the file, or after a bounded wait.
    private async Task AwaitCapacityReportAsync(string subnet, string correlationId, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ReportWait;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var response = await services.SendAsync("capacity", HttpMethod.Get, $"/subnets/{Uri.EscapeDataString(subnet)}", null, correlationId, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A Capacity that does not respond is reported by the apply of the next resource, not here.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        LogReportLate(logger, subnet, ReportWait);
    }

    private static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(10);

    // Resources are applied one by one, so a failure leaves the ones before it applied; applying again converges.
    // The failed one may have been applied too, since a service can fail after its commit.
    private static string PartlyApplied(FleetResource resource, int appliedCount)
    {
        var before = appliedCount switch
        {
            0 => "it was the first to be applied",
            1 => "the resource before it was applied",
            _ => $"the {appliedCount} resources before it were applied",
        };
        return $"{resource.Kind} '{resource.Name}' may not have been applied, and {before}. Apply the file again once the service is available.";
    }

    private async Task<HttpResponseMessage> SendAsync(string service, string path, FleetResource resource, int appliedCount, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            var body = new StringContent(resource.Spec.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return await services.SendAsync(service, HttpMethod.Put, path, body, correlationId, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw DependencyUnavailableException.NotResponding(service, PartlyApplied(resource, appliedCount), exception);
        }
    }

    private static async Task<RequestValidationException> RejectionAsync(FleetResource resource, HttpResponseMessage response, int appliedCount, CancellationToken cancellationToken)
    {
        var prefix = $"documents[{resource.Index}]";
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (problem.TryGetProperty("errors", out var fieldErrors) && fieldErrors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fieldErrors.EnumerateObject())
            {
                var key = field.Name switch
                {
                    "name" => $"{prefix}.metadata.name",
                    "body" => $"{prefix}.spec",
                    _ when field.Name.StartsWith("spec.", StringComparison.Ordinal) => $"{prefix}.{field.Name}",
                    _ => $"{prefix}.spec.{field.Name}",
                };
                errors[key] = [.. field.Value.EnumerateArray().Select(e => e.GetString() ?? "")];
            }
        }

        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        if (errors.Count == 0)
        {
            errors[prefix] = [detail ?? $"The {resource.Kind} '{resource.Name}' was rejected."];
        }

        return new RequestValidationException(errors,
            $"{resource.Kind} '{resource.Name}' was rejected: {detail} The {appliedCount} resources before it were applied; fix the file and apply it again.");
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Service {Service} answered {StatusCode} when applying {Kind} {Name}")]
    private static partial void LogServiceFailed(ILogger logger, string service, int statusCode, string kind, string name);

    [LoggerMessage(EventId = 5121, Level = LogLevel.Warning, Message = "Capacity had no report of subnet {Subnet} {Wait} after it was applied; placement may not see its addresses yet")]
    private static partial void LogReportLate(ILogger logger, string subnet, TimeSpan wait);
}
