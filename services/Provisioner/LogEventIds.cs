namespace Surge.Provisioner;

/// <summary>
/// The first log event id of each part of the Provisioner. The service owns ids 4000-4999, and each part numbers its
/// messages upwards from its base.
/// </summary>
internal static class LogEventIds
{
    public const int Starter = 4000;
    public const int Recorder = 4020;
    public const int StartConsumer = 4040;
    public const int StopConsumer = 4060;
    public const int Recovery = 4080;
    public const int SimulatedDataCentre = 4100;
    public const int SimulatedClouds = 4120;
    public const int ProvisionNodesConsumer = 4140;
    public const int ReleaseNodesConsumer = 4160;
    public const int NodeBuilder = 4180;
    public const int NodeRecorder = 4200;
    public const int NodeRecovery = 4220;
    public const int InventoryReporter = 4240;
    public const int NodeOutages = 4260;
    public const int AttachConsumer = 4280;
    public const int InterfaceAttacher = 4300;
    public const int InterfaceRecorder = 4320;
    public const int InterfaceRecovery = 4340;
    public const int Updater = 4360;
    public const int UpdateConsumer = 4380;
    public const int DescribeConsumer = 4400;
    public const int KubernetesDriver = 4500;
    public const int InstanceProviderRouter = 4540;
}
