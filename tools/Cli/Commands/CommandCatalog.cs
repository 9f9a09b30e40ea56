namespace Surge.Cli.Commands;

/// <summary>The commands surge-cli offers, in the order <c>surge-cli help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static readonly IReadOnlyList<ICliCommand> All =
    [
        new ApplyCommand(),
        new AlarmCommand(),
        new SagaCommand(),
        new InventoryCommand(),
        new SubnetsCommand(),
        new AllocationsCommand(),
        new ConflictsCommand(),
        new DemoCommand(),
    ];

    public static ICliCommand? Find(string name) =>
        All.FirstOrDefault(command => command.Spec.Name.Equals(name, StringComparison.Ordinal));
}
