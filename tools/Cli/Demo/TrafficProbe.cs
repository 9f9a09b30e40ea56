using Surge.Cli.Http;

namespace Surge.Cli.Demo;

/// <summary>Sends a fixed number of requests for a service through the data plane, one after another, and counts which instance served each one.</summary>
internal sealed class TrafficProbe(DataPlaneClient dataPlane)
{
    public async Task<TrafficTally> SendAsync(string service, int requests, CancellationToken cancellationToken)
    {
        var tally = new TrafficTally();
        for (var sent = 0; sent < requests; sent++)
        {
            var (reply, failure) = await dataPlane.SendAsync(service, cancellationToken);
            if (reply?.InstanceId is { } instanceId)
            {
                tally.RecordResponse(instanceId, reply.Address);
            }
            else
            {
                tally.RecordFailure(failure ?? "?");
            }
        }

        return tally;
    }
}
