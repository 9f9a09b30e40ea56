using Surge.Rollout;
using Surge.Rollout.Api;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("rollout");
builder.AddRollout();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAuditEndpoints();
app.MapRolloutEndpoints();

return app.RunService();
