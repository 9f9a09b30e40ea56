using Surge.Rollout;
using Surge.Rollout.Api;
using Surge.ServiceDefaults;
using Surge.ServiceDefaults.Audit;

return ServiceRunner.Run(args, "rollout", builder => builder.AddRollout(), app =>
{
    app.MapAuditEndpoints();
    app.MapRolloutEndpoints();
});
