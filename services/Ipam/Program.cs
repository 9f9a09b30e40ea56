using Surge.Ipam;
using Surge.Ipam.Allocation;
using Surge.Ipam.Reconciliation;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("ipam");
builder.AddIpam();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAuditEndpoints();
app.MapSubnetEndpoints();
app.MapAllocationEndpoints();
app.MapDirectAllocationEndpoints();
app.MapConflictEndpoints();

return app.RunService();
