using Surge.Provisioner;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Simulation.Outages;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

return ServiceRunner.Run(args, "provisioner", builder => builder.AddProvisioner(), app =>
{
    app.MapAuditEndpoints();
    app.MapInstanceEndpoints();
    app.MapNodeOutageEndpoints();
});
