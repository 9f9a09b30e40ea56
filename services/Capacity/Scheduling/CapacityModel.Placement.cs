namespace Surge.Capacity.Scheduling;

public sealed partial class CapacityModel
{
    /// <summary>
    /// Chooses a node for every instance of <paramref name="request"/>, or none when they do not all fit. The model is
    /// not changed: the caller records the reservations as events, which the model then applies.
    /// </summary>
    public PlacementResult Place(PlacementRequest request)
    {
        var pass = new PlacementPass(this, request.Service, request.OwnPool, request.Shape, request.Strategy);
        var placed = new List<ScheduledInstance>(request.InstanceIds.Count);
        foreach (var instanceId in request.InstanceIds)
        {
            var chosen = pass.PlaceOne();
            if (chosen is not { } choice)
            {
                return Refuse(request, pass, placed.Count);
            }

            placed.Add(new ScheduledInstance(instanceId, choice.Node.Name, choice.Tier.Pool.Name, choice.Node.Spec.Zone, choice.Tier.Source, choice.Subnet?.Name));
        }

        return new PlacementResult(placed, null, placed.Count, null, []);
    }

    private static PlacementResult Refuse(PlacementRequest request, PlacementPass pass, int placeable)
    {
        var rejections = pass.Rejections();
        var limit = PlacementPass.LimitOf(rejections.Select(rejection => rejection.Dimension));
        var shape = request.Shape;
        var pools = string.Join(", ", pass.Tiers.Select(tier => tier.Pool.Name).Distinct());
        var summary = $"Only {placeable} of {request.InstanceIds.Count} instances of {request.Service} ({shape.CpuMillicores} millicores, {shape.MemoryMiB} MiB each) fit";
        var reason = limit == PlacementDimension.NoNodes
            ? $"{summary}: no node is in pool {request.OwnPool} or a pool that lends idle capacity. Declare nodes in pool {request.OwnPool} or let another pool lend."
            : $"{summary} in pools {pools}; the next is stopped by {Describe(limit)} on most nodes. "
                + string.Join("; ", rejections.Take(20).Select(r => $"{r.Node}: {Describe(r.Dimension)} ({r.Detail})"))
                + (rejections.Count > 20 ? $"; and {rejections.Count - 20} more nodes." : ".");
        return new PlacementResult([], reason, placeable, limit, rejections);
    }

    /// <summary>A dimension's name as the API and messages write it.</summary>
    public static string Describe(PlacementDimension dimension) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(dimension.ToString());
}
