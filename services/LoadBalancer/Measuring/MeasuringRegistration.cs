namespace Surge.LoadBalancer.Measuring;

/// <summary>Registers what replies to error measurements after the message that started them.</summary>
public static class MeasuringRegistration
{
    /// <summary>Adds the watch list of pending measurements, the unit of work that replies to one, and the background finisher.</summary>
    public static WebApplicationBuilder AddMeasuring(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MeasurementWatchList>();
        builder.Services.AddSingleton<MeasurementCompletion>();
        builder.Services.AddHostedService<MeasurementFinisher>();
        return builder;
    }
}
