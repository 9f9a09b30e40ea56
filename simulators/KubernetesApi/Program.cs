using Surge.Simulators.KubernetesApi;

var app = SimulatorApp.Create(args);
app.Run();
