using Surge.Capacity;
using Surge.Capacity.Addresses;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Alerts;
using Surge.Capacity.Incidents;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

return ServiceRunner.Run(args, "capacity", builder => builder.AddCapacity(), app =>
{
    app.MapAuditEndpoints();
    app.MapPoolEndpoints();
    app.MapNodeEndpoints();
    app.MapServiceEndpoints();
    app.MapAlertPolicyEndpoints();
    app.MapAlertEndpoints();
    app.MapIncidentEndpoints();
    app.MapSagaEndpoints();
    app.MapScaleInEndpoints();
    app.MapInventoryEndpoints();
    app.MapSubnetAddressEndpoints();
});
