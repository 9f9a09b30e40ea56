using Surge.Provisioner;
using Surge.Provisioner.Querying;
using Surge.Provisioner.Simulation.Outages;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("provisioner");
builder.AddProvisioner();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAuditEndpoints();
app.MapInstanceEndpoints();
app.MapNodeOutageEndpoints();

return app.RunService();
