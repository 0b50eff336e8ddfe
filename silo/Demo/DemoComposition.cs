
namespace Samples.Silo.Demo;

public static class DemoComposition
{
    /// <summary>Synthetic demo data on first start, when Samples:Demo:Seed is true. Runs after Orleans has started.</summary>
    public static IHostApplicationBuilder AddSamplesDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("Samples:Demo"));
        builder.Services.AddHostedService<DemoSeedService>();
        return builder;
    }
}
