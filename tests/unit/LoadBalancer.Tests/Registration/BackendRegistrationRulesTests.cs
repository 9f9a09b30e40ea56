using Surge.Contracts.Backends;
using Surge.LoadBalancer.Registration;

namespace Surge.LoadBalancer.Tests.Registration;

public class BackendRegistrationRulesTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");

    [Fact]
    public void FindViolations_ValidRequest_ReturnsNull()
    {
        var command = new RegisterBackends(SagaId, "web", [
            new Backend(First, "http://127.0.0.1:6101"),
            new Backend(Second, "https://backend.internal:8443/base"),
        ]);

        Assert.Null(BackendRegistrationRules.FindViolations(command));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("127.0.0.1:6101")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://127.0.0.1:6101/?q=1")]
    [InlineData("http://127.0.0.1:6101/#top")]
    [InlineData("http://user:secret@127.0.0.1:6101")]
    [InlineData("")]
    public void FindViolations_BadEndpoint_NamesInstanceAndEndpoint(string endpoint)
    {
        var command = new RegisterBackends(SagaId, "web", [new Backend(First, "http://127.0.0.1:6101"), new Backend(Second, endpoint)]);

        var violations = BackendRegistrationRules.FindViolations(command);

        Assert.NotNull(violations);
        Assert.Contains(Second.ToString(), violations);
        Assert.Contains($"'{endpoint}'", violations);
        Assert.DoesNotContain(First.ToString(), violations);
    }

    [Fact]
    public void FindViolations_InvalidServiceName_NamesService()
    {
        var violations = BackendRegistrationRules.FindViolations(new RegisterBackends(SagaId, "Web/Api", [new Backend(First, "http://127.0.0.1:6101")]));

        Assert.NotNull(violations);
        Assert.Contains("'Web/Api'", violations);
    }

    [Fact]
    public void FindViolations_InstanceWithTwoEndpoints_NamesBoth()
    {
        var violations = BackendRegistrationRules.FindViolations(new RegisterBackends(SagaId, "web", [
            new Backend(First, "http://127.0.0.1:6101"),
            new Backend(First, "http://127.0.0.1:6102"),
        ]));

        Assert.NotNull(violations);
        Assert.Contains(First.ToString(), violations);
        Assert.Contains("'http://127.0.0.1:6101'", violations);
        Assert.Contains("'http://127.0.0.1:6102'", violations);
    }

    [Fact]
    public void FindViolations_EmptyInstanceId_NamesEndpoint()
    {
        var violations = BackendRegistrationRules.FindViolations(new RegisterBackends(SagaId, "web", [new Backend(Guid.Empty, "http://127.0.0.1:6101")]));

        Assert.NotNull(violations);
        Assert.Contains("empty instance id", violations);
        Assert.Contains("'http://127.0.0.1:6101'", violations);
    }
}
