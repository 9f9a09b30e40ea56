using System.ComponentModel.DataAnnotations;

namespace Surge.Gateway.Options;

/// <summary>
/// Requires an absolute <c>http</c> or <c>https</c> URL. The framework's <see cref="UrlAttribute"/> also accepts
/// <c>ftp</c>, which the gateway cannot send requests to.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is not string text
        || text.Length == 0
        || (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps));
}
