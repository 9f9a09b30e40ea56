using System.ComponentModel.DataAnnotations;

namespace Surge.ServiceDefaults.Options;

/// <summary>Connection strings for PostgreSQL and RabbitMQ, bound from the <c>ConnectionStrings</c> section.</summary>
public sealed class ConnectionOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "ConnectionStrings";

    /// <summary>An Npgsql connection string such as <c>Host=127.0.0.1;Port=55432;Username=postgres;Database=surge</c>.</summary>
    [Required(ErrorMessage = "ConnectionStrings:Postgres is missing. Set it to an Npgsql connection string, for example with the environment variable ConnectionStrings__Postgres.")]
    public string Postgres { get; set; } = "";

    /// <summary>An AMQP URI such as <c>amqp://guest:guest@127.0.0.1:56720/surge</c>.</summary>
    [Required(ErrorMessage = "ConnectionStrings:RabbitMq is missing. Set it to an AMQP URI, for example with the environment variable ConnectionStrings__RabbitMq.")]
    [RegularExpression("^amqps?://.+", ErrorMessage = "ConnectionStrings:RabbitMq must be an AMQP URI that starts with amqp:// or amqps://.")]
    public string RabbitMq { get; set; } = "";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Without this check a bad keyword or value stops the service with Npgsql's exception and a stack trace. The
        // message leaves the string out, because it contains the password.
        string? problem = null;
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(Postgres);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"ConnectionStrings:Postgres is not a valid Npgsql connection string: {problem} Write it as Host=127.0.0.1;Port=5432;Username=surge;Password=...;Database=surge.",
                [nameof(Postgres)]);
        }
    }
}
