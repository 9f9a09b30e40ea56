namespace Surge.Cli.Http;

/// <summary>A running instance and the image it runs, as <c>GET /api/provisioner/instances</c> lists it.</summary>
internal sealed record InstanceImageView(string InstanceId, string Image);
