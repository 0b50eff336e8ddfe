namespace Samples.Silo.Operations;

public static class ReconcileComposition
{
    /// <summary>The reconciliation check (POST /api/ops/reconcile): grains against their read models.</summary>
    public static IHostApplicationBuilder AddSamplesReconciliation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReconcileService>();
        return builder;
    }
}
