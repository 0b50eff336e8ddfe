using Samples.Domain.Draws;
namespace Samples.Silo.Draws;

public static class DrawsComposition
{
    /// <summary>Committing rounds (by request or by trigger) and turning plans' rounds into Quartz triggers.</summary>
    public static IHostApplicationBuilder AddSamplesDraws(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DrawSettings.Read(builder.Configuration));
        builder.Services.AddSingleton(NonceKey.Load(NonceKeyFile(builder.Configuration)));
        builder.Services.AddSingleton<RoundCommitter>();
        builder.Services.AddSingleton<RoundScheduler>();
        return builder;
    }

    /// <summary>
    /// <c>Samples:Draws:NonceKeyFile</c>: where the draw nonce key lives, outside the database (the ops scripts keep it
    /// beside the data, in <c>.data/draw-nonce.key</c>); by default in the user's local application data.
    /// </summary>
    public static string NonceKeyFile(IConfiguration configuration) =>
        configuration["Samples:Draws:NonceKeyFile"] is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "samples", "draw-nonce.key");
}
