using System.ComponentModel.DataAnnotations;
using Surge.ServiceDefaults.Options;

namespace Surge.ServiceDefaults.Tests.Options;

public sealed class ConnectionOptionsTests
{
    [Fact]
    public void BadPostgresValue_RejectedWithoutPassword()
    {
        var options = new ConnectionOptions { Postgres = "Host=127.0.0.1;Password=hunter2;Timeout=abc", RabbitMq = "amqp://127.0.0.1:5672/" };

        var results = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        var message = Assert.Single(results).ErrorMessage;
        Assert.StartsWith("ConnectionStrings:Postgres is not a valid Npgsql connection string:", message);
        Assert.DoesNotContain("hunter2", message);
    }

    [Fact]
    public void GoodValues_Accepted()
    {
        var options = new ConnectionOptions { Postgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=surge", RabbitMq = "amqp://127.0.0.1:5672/" };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
