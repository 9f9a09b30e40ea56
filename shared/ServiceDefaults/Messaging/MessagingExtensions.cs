using MassTransit;
using JasperFx;
using JasperFx.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Options;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Configures MassTransit on RabbitMQ with the transactional outbox, the inbox and the relay.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Adds the bus with one receive endpoint named <paramref name="queueName"/> for all of the service's consumers,
    /// bounded retries with back-off, and the outbox relay. <paramref name="registerConsumers"/> adds the consumers.
    /// </summary>
    public static IHostApplicationBuilder AddSurgeMessaging(
        this IHostApplicationBuilder builder,
        string queueName,
        Action<IBusRegistrationConfigurator> registerConsumers)
    {
        builder.Services.AddConnectionOptions(builder.Configuration);
        builder.Services.AddOptions<MessagingOptions>()
            .Bind(builder.Configuration.GetSection(MessagingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<OutboxOptions>()
            .Bind(builder.Configuration.GetSection(OutboxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<Chaos.ChaosOptions>().Bind(builder.Configuration.GetSection(Chaos.ChaosOptions.Section));
        builder.Services.AddSingleton<Chaos.CrashHook>();
        builder.Services.AddHostedService<Chaos.CrashHookAnnouncer>();
        builder.Services.AddSingleton<PartitionLocks>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton<Storage.DatabaseOutageRetry>();
        builder.Services.AddSingleton<OutboxSessionFactory>();
        builder.Services.AddSingleton<ConsumerServices>();
        builder.Services.AddHostedService<OutboxRelay>();

        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });

        builder.Services.AddMassTransit(bus =>
        {
            registerConsumers(bus);

            // MassTransit reports usage statistics to its vendor by default; Surge sends nothing off the machine unasked.
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var address = RabbitMqAddress.Parse(context.GetRequiredService<IOptions<ConnectionOptions>>().Value.RabbitMq);
                var messaging = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                var prefix = messaging.EntityPrefix;
                if (prefix.Length > 0)
                {
                    rabbit.MessageTopology.SetEntityNameFormatter(new PrefixedEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix));
                }

                rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.Username);
                    host.Password(address.Password);
                    if (address.UseTls)
                    {
                        host.UseSsl(tls => tls.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                    }
                });

                rabbit.ReceiveEndpoint(prefix + queueName, endpoint =>
                {
                    endpoint.PrefetchCount = 64;
                    endpoint.ConcurrentMessageLimit = 32;

                    // An unreachable database is waited out first, as the outermost retry, because every attempt
                    // fails the same way until the server is back, and failing the message would fail its saga.
                    var outageWaits = Storage.OutageRetrySchedule.For(messaging.DatabaseOutageRetry);
                    if (outageWaits.Length > 0)
                    {
                        endpoint.UseMessageRetry(retry =>
                        {
                            retry.Handle<Exception>(Storage.DatabaseFailures.IsUnavailable);
                            retry.Intervals(outageWaits);
                        });
                    }

                    // Version conflicts between processes are expected and cheap to retry, at growing intervals so that
                    // writers contending for one stream spread out; anything else gets a few spaced attempts before
                    // MassTransit moves the message to the error queue with its exception.
                    endpoint.UseMessageRetry(retry =>
                    {
                        retry.Handle<JasperFx.ConcurrencyException>();
                        retry.Handle<EventStreamUnexpectedMaxEventIdException>();
                        retry.Handle<ExistingStreamIdCollisionException>();
                        retry.Handle<Marten.Exceptions.ExistingStreamIdCollisionException>();
                        retry.Handle<DocumentAlreadyExistsException>();
                        retry.Intervals(0, 10, 25, 50, 100, 200, 400, 800);
                    });
                    endpoint.UseMessageRetry(retry =>
                    {
                        if (outageWaits.Length > 0)
                        {
                            retry.Ignore<Exception>(Storage.DatabaseFailures.IsUnavailable);
                        }

                        retry.Exponential(messaging.RetryLimit, messaging.RetryMinInterval, messaging.RetryMaxInterval, messaging.RetryMinInterval);
                    });
                    endpoint.ConfigureConsumers(context);
                });
            });
        });

        return builder;
    }
}
