namespace Samples.Silo.Draws;

public static class DrawsComposition
{
    /// <summary>Committing rounds (by request or by trigger) and turning plans' rounds into Quartz triggers.</summary>
    public static IHostApplicationBuilder AddSamplesDraws(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DrawSettings.Read(builder.Configuration));
        builder.Services.AddSingleton<RoundCommitter>();
        builder.Services.AddSingleton<RoundScheduler>();
        return builder;
    }
}
