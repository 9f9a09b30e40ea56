using JasperFx.Events.Projections;
using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Rollout.Api;
using Surge.Rollout.Messaging;
using Surge.Rollout.Probing;
using Surge.Rollout.Saga;
using Surge.Rollout.Storage;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Rollout;

/// <summary>Registers the Rollout service's storage, projection, consumers and services.</summary>
public static class RolloutRegistration
{
    /// <summary>Adds Rollout's event store, the rollout read model, the saga's consumers, the prober and the deadline scanner.</summary>
    public static IHostApplicationBuilder AddRollout(this IHostApplicationBuilder builder)
    {
        // Inline: a request must see the rollout it just started, and the deadline scanner queries the same documents.
        builder.AddSurgeMarten("rollout", options =>
        {
            options.Projections.Add<RolloutProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<RolloutState>().Index(rollout => rollout.Service).Index(rollout => rollout.RequestedAt).Index(rollout => rollout.Deadline);
            options.Schema.For<ActiveRollout>();
        });

        builder.AddSurgeMessaging("rollout", bus =>
        {
            bus.AddConsumer<RolloutReplyConsumer<ServiceInstancesDescribed>>();
            bus.AddConsumer<RolloutReplyConsumer<InstanceUpdated>>();
            bus.AddConsumer<RolloutReplyConsumer<Contracts.Instances.InstanceUpdateFailed>>();
            bus.AddConsumer<RolloutReplyConsumer<BackendWeightsSet>>();
            bus.AddConsumer<RolloutReplyConsumer<BackendErrorsMeasured>>();
            bus.AddConsumer<RolloutReplyConsumer<InstancesProbed>>();
            bus.AddConsumer<RolloutReplyConsumer<Contracts.Scaling.ScaleOutFinished>>();
            bus.AddConsumer<RolloutReplyConsumer<Contracts.Scaling.ScaleInFinished>>();
            bus.AddConsumer<ProbeInstancesConsumer>();
            bus.AddConsumer<RolloutFaultConsumer<DescribeServiceInstances>>();
            bus.AddConsumer<RolloutFaultConsumer<UpdateInstances>>();
            bus.AddConsumer<RolloutFaultConsumer<SetBackendWeights>>();
            bus.AddConsumer<RolloutFaultConsumer<MeasureBackendErrors>>();
            bus.AddConsumer<RolloutFaultConsumer<ProbeInstances>>();
            bus.AddConsumer<RolloutFaultConsumer<Contracts.Scaling.ScaleOutService>>();
            bus.AddConsumer<RolloutFaultConsumer<Contracts.Scaling.ScaleInInstances>>();
        });

        builder.Services.AddOptions<RolloutOptions>()
            .Bind(builder.Configuration.GetSection(RolloutOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(ProbeInstancesConsumer.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<RolloutCommands>();
        builder.Services.AddHostedService<RolloutDeadlineScanner>();
        return builder;
    }
}
