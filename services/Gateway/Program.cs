using Surge.Gateway;
using Surge.Gateway.Audit;
using Surge.Gateway.Authentication;
using Surge.Gateway.Fleet;
using Surge.Gateway.Invariants;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.WarnIfAuthenticationDisabled();
app.MapWebhookEndpoints();
app.MapFleetEndpoints();
app.MapAuditEndpoints();
app.MapInvariantEndpoints();
app.MapReverseProxy(proxy => proxy.Use(Surge.Gateway.Routing.ProxyFailure.WriteProblemAsync));

return app.RunService();
