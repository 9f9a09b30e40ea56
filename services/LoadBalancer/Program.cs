using Surge.LoadBalancer;
using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.Degradation;
using Surge.LoadBalancer.ListingBackends;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

return ServiceRunner.Run(args, "loadbalancer", builder => builder.AddLoadBalancer(), app =>
{
    app.MapAuditEndpoints();
    app.MapServiceEndpoints();
    app.MapDegradationEndpoints();
    app.MapDataPlane();
});
