using Surge.Gateway;
using Surge.Gateway.Audit;
using Surge.Gateway.Authentication;
using Surge.Gateway.Fleet;
using Surge.Gateway.Invariants;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults;

return ServiceRunner.Run(args, "gateway", builder => builder.AddGateway(), app =>
{
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseAuthorization();
    app.WarnIfAuthenticationDisabled();
    app.MapWebhookEndpoints();
    app.MapFleetEndpoints();
    app.MapAuditEndpoints();
    app.MapInvariantEndpoints();
    app.MapReverseProxy(proxy => proxy.Use(Surge.Gateway.Routing.ProxyFailure.WriteProblemAsync));
});
