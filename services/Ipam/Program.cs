using Surge.Ipam;
using Surge.Ipam.Allocation;
using Surge.Ipam.Reconciliation;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

return ServiceRunner.Run(args, "ipam", builder => builder.AddIpam(), app =>
{
    app.MapAuditEndpoints();
    app.MapSubnetEndpoints();
    app.MapAllocationEndpoints();
    app.MapDirectAllocationEndpoints();
    app.MapConflictEndpoints();
});
