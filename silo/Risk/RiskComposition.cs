namespace Samples.Silo.Risk;

public static class RiskComposition
{
    /// <summary>Risk-based supervision: the evaluation model's store and its monthly run.</summary>
    public static IHostApplicationBuilder AddSamplesRisk(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RiskStore>();
        builder.Services.AddSingleton<RiskRunner>();
        return builder;
    }
}
