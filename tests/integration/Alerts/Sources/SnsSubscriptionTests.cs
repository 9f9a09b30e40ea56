using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts.Sources;

/// <summary>The gateway confirms an SNS subscription by calling SubscribeURL, here a loopback listener standing in for SNS.</summary>
[Collection(SourcesCollection.Name)]
[Trait("Category", "Alerts")]
public sealed class SnsSubscriptionTests(SourcesCluster cluster)
{
    [Fact]
    public async Task SubscriptionConfirmation_CallsSubscribeUrlAndIsRecorded()
    {
        var port = FreePorts.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var called = AnswerOnceAsync(listener);
        var messageId = Guid.NewGuid().ToString();
        var message = SourcesBodies.SnsMessage(cluster.SigningKey, "SubscriptionConfirmation", messageId, "You have chosen to subscribe to the topic.", subscribeUrl: $"http://127.0.0.1:{port}/?Action=ConfirmSubscription&Token=2336412f37fb687f5d51e6e2425c464de12884ec");
        using var client = cluster.CreateGatewayClient(apiKey: null);

        using var response = await SourcesBodies.PostSnsAsync(client, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmed").GetBoolean());
        var query = await called.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("Action=ConfirmSubscription", query);
        var records = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/webhooks/cloudwatch/subscriptions");
        Assert.Contains(records!, record => record.GetProperty("messageId").GetString() == messageId && record.GetProperty("confirmed").GetBoolean());
    }

    [Fact]
    public async Task SubscriptionConfirmation_UntrustedHost_IsNotCalled()
    {
        var message = SourcesBodies.SnsMessage(cluster.SigningKey, "SubscriptionConfirmation", Guid.NewGuid().ToString(), "Subscribe?", subscribeUrl: "http://127.0.0.2:9/?Action=ConfirmSubscription");
        using var client = cluster.CreateGatewayClient(apiKey: null);

        using var response = await SourcesBodies.PostSnsAsync(client, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(record.GetProperty("confirmed").GetBoolean());
        Assert.Contains("trusted host", record.GetProperty("detail").GetString());
    }

    private static async Task<string> AnswerOnceAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var query = context.Request.Url!.Query;
        context.Response.StatusCode = 200;
        context.Response.Close();
        return query;
    }
}
