using Samples.Silo;
using Samples.Silo.Hosting;

try
{
    var app = await SiloApp.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (SettingsException ex)
{
    // Start-up problems the operator can fix get one clear line, not a stack trace.
    Console.Error.WriteLine($"samples-silo: {ex.Message}");
    return 2;
}
