namespace Surge.Gateway.Authentication;

/// <summary>The roles an API key can hold, and the authorization policies built from them.</summary>
public static class GatewayRoles
{
    /// <summary>Everything, including applying fleet files and changing resources.</summary>
    public const string Admin = "admin";

    /// <summary>Reading, alert webhooks, and starting or steering sagas.</summary>
    public const string Operator = "operator";

    /// <summary>Reading only: sagas, audit trails, resources.</summary>
    public const string Viewer = "viewer";

    /// <summary>Alert webhooks only; the role to give an alarm system.</summary>
    public const string Alerting = "alerting";

    /// <summary>Every role name, for validation messages.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Operator, Viewer, Alerting];

    /// <summary>The policy of webhook intake.</summary>
    public const string SendAlertsPolicy = "send-alerts";

    /// <summary>The policy of read-only requests.</summary>
    public const string ReadPolicy = "read";

    /// <summary>The policy of starting and steering sagas.</summary>
    public const string OperatePolicy = "operate";

    /// <summary>The policy of changing declared resources.</summary>
    public const string AdministerPolicy = "administer";

    /// <summary>Returns the roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, string[]> Policies { get; } = new Dictionary<string, string[]>
    {
        [SendAlertsPolicy] = [Alerting, Operator, Admin],
        [ReadPolicy] = [Viewer, Operator, Admin],
        [OperatePolicy] = [Operator, Admin],
        [AdministerPolicy] = [Admin],
    };
}
