namespace Surge.Provisioner.Inventory;

/// <summary>Registers the periodic instance inventory reports.</summary>
public static class InventoryReportRegistration
{
    /// <summary>
    /// Binds <see cref="InventoryReportOptions"/> from <c>Provisioner:InventoryReports</c>, validates them when the host
    /// starts, and adds the <see cref="InventoryReporter"/>.
    /// </summary>
    public static IServiceCollection AddInventoryReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InventoryReportOptions>()
            .Bind(configuration.GetSection(InventoryReportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<InventoryReporter>();
        return services;
    }
}
