using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Health;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Options;
using Weasel.Core;

namespace Surge.ServiceDefaults.Storage;

/// <summary>Configures a service's Marten document and event store in its own PostgreSQL schema.</summary>
public static class MartenExtensions
{
    /// <summary>
    /// Adds Marten with string stream keys, correlation and causation metadata on every event, the outbox and inbox
    /// documents, and schema creation at start. <paramref name="configure"/> registers the service's own events and documents.
    /// </summary>
    public static IHostApplicationBuilder AddSurgeMarten(this IHostApplicationBuilder builder, string schema, Action<StoreOptions> configure)
    {
        builder.Services.AddConnectionOptions(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddMarten(services =>
                CreateStoreOptions(services.GetRequiredService<IOptions<ConnectionOptions>>().Value.Postgres, schema, configure))
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();

        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Creates the store options every service uses: its own schema, string stream keys, correlation and causation
    /// metadata on every event, the outbox and inbox documents, and schema creation on demand. Benchmarks build a
    /// service's store outside its host with it.
    /// </summary>
    public static StoreOptions CreateStoreOptions(string connectionString, string schema, Action<StoreOptions> configure)
    {
        var options = new StoreOptions();
        options.Connection(connectionString);
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;

        // Every service applies its schema at start under an advisory lock. With Marten's one default lock id, services
        // that share a database wait for each other, and under load one gave up at start. A lock per schema still
        // serializes the replicas of one service.
        options.ApplyChangesLockId = SchemaLockId(schema);

        // Natural keys ("node/feed-1", a saga's id) keep audit trails readable without a lookup table.
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        // jsonb stores keys in its own order, so a polymorphic type's discriminator is rarely the first key read back.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json => json.AllowOutOfOrderMetadataProperties = true);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        options.Schema.For<OutboxMessage>().Index(message => message.CreatedAt);
        options.Schema.For<InboxEntry>();
        configure(options);
        return options;
    }

    /// <summary>Returns the advisory lock id for applying changes to <paramref name="schema"/>: the same in every process.</summary>
    public static int SchemaLockId(string schema) =>
        BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"surge-schema/{schema}")), 0) & int.MaxValue;
}
