namespace Surge.Cli.Http;

/// <summary>A 2xx response's body as the gateway sent it, and read as <typeparamref name="T"/>.</summary>
internal sealed record JsonReply<T>(T Value, string Body);
