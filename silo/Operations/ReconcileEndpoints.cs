using Samples.Silo.Api;

namespace Samples.Silo.Operations;

/// <summary>The reconciliation check, for admins: what lags is reported, and by default mended.</summary>
public static class ReconcileEndpoints
{
    public static void MapReconcileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ops/reconcile", async (bool? repair, ReconcileService reconcile, CancellationToken ct) =>
                Results.Ok(await reconcile.RunAsync(repair ?? true, ct)))
            .RequireAuthorization(Roles.Admins).Produces<ReconcileReport>()
            .WithDescription("Compares every sampling task's version with the task board and the audit trail, and every draw's audited steps with the trail; publishes the events of what lags again (consumers skip what they have). repair=false only reports. Answers the counts (checked, behind, repaired, ahead) and each stream that disagrees; a read model ahead of its grain is for a person to look at.");
    }
}
