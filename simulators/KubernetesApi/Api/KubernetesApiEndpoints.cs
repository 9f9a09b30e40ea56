using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Patching;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>The core/v1 routes the simulator serves: pods in namespaces and nodes.</summary>
public static class KubernetesApiEndpoints
{
    /// <summary>Maps list, watch, create, get, patch and delete for pods and nodes, and <c>/version</c>.</summary>
    public static WebApplication MapKubernetesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/namespaces/{namespace}/pods", (HttpContext context, string @namespace, ClusterStore store) => ListOrWatch(context, store, ResourceKind.Pods, @namespace));
        api.MapPost("/namespaces/{namespace}/pods", (HttpContext context, string @namespace, ClusterStore store) => Create(context, store, ResourceKind.Pods, @namespace));
        api.MapGet("/namespaces/{namespace}/pods/{name}", (string @namespace, string name, ClusterStore store) => Get(store, new(ResourceKind.Pods, @namespace, name)));
        api.MapPatch("/namespaces/{namespace}/pods/{name}", (HttpContext context, string @namespace, string name, ClusterStore store) => Patch(context, store, new(ResourceKind.Pods, @namespace, name)));
        api.MapDelete("/namespaces/{namespace}/pods/{name}", (string @namespace, string name, ClusterStore store) => Delete(store, new(ResourceKind.Pods, @namespace, name)));
        api.MapGet("/pods", (HttpContext context, ClusterStore store) => ListOrWatch(context, store, ResourceKind.Pods, null));

        api.MapGet("/nodes", (HttpContext context, ClusterStore store) => ListOrWatch(context, store, ResourceKind.Nodes, null));
        api.MapPost("/nodes", (HttpContext context, ClusterStore store) => Create(context, store, ResourceKind.Nodes, null));
        api.MapGet("/nodes/{name}", (string name, ClusterStore store) => Get(store, new(ResourceKind.Nodes, null, name)));
        api.MapPatch("/nodes/{name}", (HttpContext context, string name, ClusterStore store) => Patch(context, store, new(ResourceKind.Nodes, null, name)));
        api.MapDelete("/nodes/{name}", (string name, ClusterStore store) => Delete(store, new(ResourceKind.Nodes, null, name)));

        app.MapGet("/version", () => new KubernetesJsonResult(200, new JsonObject { ["major"] = "1", ["minor"] = "34", ["gitVersion"] = "v1.34.0-surge-simulator" }));
        return app;
    }

    private static async Task<IResult> ListOrWatch(HttpContext context, ClusterStore store, ResourceKind kind, string? @namespace)
    {
        var query = context.Request.Query;
        WatchFilter filter;
        long? resourceVersion;
        try
        {
            filter = new WatchFilter(kind, @namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]));
            resourceVersion = string.IsNullOrEmpty(query["resourceVersion"]) ? null : long.Parse(query["resourceVersion"]!, CultureInfo.InvariantCulture);
        }
        catch (FormatException exception)
        {
            return KubernetesJsonResult.Status(Statuses.BadRequest(exception.Message));
        }

        if (IsTrue(query["watch"]))
        {
            var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            await WatchStream.RunAsync(context, store, filter, resourceVersion, IsTrue(query["allowWatchBookmarks"]), timeout);
            return Results.Empty;
        }

        var (items, current) = store.List(filter);
        var list = new JsonObject
        {
            ["kind"] = kind.ListKind,
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = current.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. items.Select(WithoutTypeFields)]),
        };
        return new KubernetesJsonResult(200, list);
    }

    private static async Task<IResult> Create(HttpContext context, ClusterStore store, ResourceKind kind, string? @namespace)
    {
        if (await ReadObjectAsync(context) is not JsonObject resource)
        {
            return KubernetesJsonResult.Status(Statuses.BadRequest($"the body must be a {kind.Kind} object in JSON"));
        }

        var name = resource["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return KubernetesJsonResult.Status(Statuses.Invalid(kind.Plural, "", "metadata.name: Required value: name is required"));
        }

        var bodyNamespace = resource["metadata"]?["namespace"]?.GetValue<string>();
        if (@namespace is not null && bodyNamespace is not null && bodyNamespace != @namespace)
        {
            return KubernetesJsonResult.Status(Statuses.BadRequest($"the namespace of the provided object ({bodyNamespace}) does not match the namespace sent on the request ({@namespace})"));
        }

        if (kind == ResourceKind.Pods && PodRules.CheckNew(resource) is { } invalid)
        {
            return KubernetesJsonResult.Status(Statuses.Invalid(kind.Plural, name, invalid));
        }

        var defaulted = kind == ResourceKind.Pods ? PodRules.WithDefaults(resource) : NodeRules.WithDefaults(resource);
        return store.Create(new ResourceKey(kind, @namespace, name), defaulted) is { } created
            ? new KubernetesJsonResult(201, created)
            : KubernetesJsonResult.Status(Statuses.AlreadyExists(kind.Plural, name));
    }

    private static IResult Get(ClusterStore store, ResourceKey key) =>
        store.Get(key) is { } resource
            ? new KubernetesJsonResult(200, resource)
            : KubernetesJsonResult.Status(Statuses.NotFound(key.Kind.Plural, key.Name));

    private static async Task<IResult> Patch(HttpContext context, ClusterStore store, ResourceKey key)
    {
        var mediaType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        bool strategic;
        switch (mediaType)
        {
            case "application/merge-patch+json":
                strategic = false;
                break;
            case "application/strategic-merge-patch+json":
                strategic = true;
                break;
            default:
                return KubernetesJsonResult.Status(Statuses.UnsupportedMediaType(mediaType));
        }

        if (await ReadObjectAsync(context) is not JsonObject patch)
        {
            return KubernetesJsonResult.Status(Statuses.BadRequest("the patch must be a JSON object"));
        }

        try
        {
            return store.Update(key, current => PatchRules.Apply(key, current, patch, strategic)) is { } updated
                ? new KubernetesJsonResult(200, updated)
                : KubernetesJsonResult.Status(Statuses.NotFound(key.Kind.Plural, key.Name));
        }
        catch (PatchRejectedException exception)
        {
            return KubernetesJsonResult.Status(Statuses.Invalid(key.Kind.Plural, key.Name, exception.Message));
        }
    }

    private static IResult Delete(ClusterStore store, ResourceKey key) =>
        store.Delete(key) is { } deleted
            ? new KubernetesJsonResult(200, deleted)
            : KubernetesJsonResult.Status(Statuses.NotFound(key.Kind.Plural, key.Name));

    private static async Task<JsonNode?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Items of a real list carry neither kind nor apiVersion; the list does.
    private static JsonObject WithoutTypeFields(JsonObject item)
    {
        item.Remove("kind");
        item.Remove("apiVersion");
        return item;
    }

    private static bool IsTrue(string? value) => value is "true" or "1";
}
