using Surge.LoadBalancer;
using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.Degradation;
using Surge.LoadBalancer.ListingBackends;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("loadbalancer");
builder.AddLoadBalancer();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAuditEndpoints();
app.MapServiceEndpoints();
app.MapDegradationEndpoints();
app.MapDataPlane();

return app.RunService();
