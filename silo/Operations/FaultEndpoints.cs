using Samples.Contracts.Common;
using Samples.Silo.Api;

namespace Samples.Silo.Operations;

/// <summary>Faulted messages (admins): what waits, per message type and endpoint, and redelivery of one or all.</summary>
public static class FaultEndpoints
{
    public const int MaxListed = 1000;

    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ops/errors", ListAsync).RequireAuthorization(Roles.Admins).Produces<FaultList>()
            .WithDescription("Messages a consumer gave up on after its retry budget: counts of those waiting per message type and endpoint, and the faults, newest first (waiting ones; all=true adds those redelivered; limit 1-1000, default 100).");
        app.MapPost("/api/ops/errors/{id}/redeliver", RedeliverOneAsync).RequireAuthorization(Roles.Admins).Produces<RedeliveryResult>()
            .WithDescription("Sends a waiting fault's message again to its endpoint, marked with when and by whom and audited. Idempotent: one already redelivered (and not faulted since) is answered, not sent again.");
        app.MapPost("/api/ops/errors/redeliver", RedeliverAllAsync).RequireAuthorization(Roles.Admins).Produces<RedeliveryResult>()
            .WithDescription("Redelivers every waiting fault (at most 1000 a call), as one would each.");
    }

    private static async Task<IResult> ListAsync(bool? all, int? limit, FaultStore store, CancellationToken ct)
    {
        if (limit is < 1 or > MaxListed)
        {
            return Problems.Validation("Invalid query", new FieldProblem("limit", $"must be 1 to {MaxListed}"));
        }

        var counts = await store.CountWaitingAsync(ct);
        return Results.Ok(new FaultList(counts.Sum(c => c.Count), counts, await store.ListAsync(all ?? false, limit ?? 100, ct)));
    }

    private static async Task<IResult> RedeliverOneAsync(string id, FaultRedelivery redelivery, HttpContext http, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.Validation("Invalid fault id", new FieldProblem("id", "must be a fault's number, as samples ops errors lists it"));
        }

        var answer = await redelivery.RedeliverAsync(number, Caller.Describe(http.User), automatic: false, ct);
        return answer.Outcome switch
        {
            RedeliveryOutcome.NotFound => Problems.NotFound($"No faulted message {number}."),
            RedeliveryOutcome.Unknown => Problems.Conflict(answer.Problem!),
            RedeliveryOutcome.BusDown => Results.Problem(detail: answer.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"),
            _ => Results.Ok(new RedeliveryResult(answer.Outcome == RedeliveryOutcome.Redelivered ? 1 : 0, answer.Outcome == RedeliveryOutcome.AlreadyRedelivered ? 1 : 0, [], [answer.Fault!])),
        };
    }

    private static async Task<IResult> RedeliverAllAsync(FaultStore store, FaultRedelivery redelivery, HttpContext http, CancellationToken ct)
    {
        var by = Caller.Describe(http.User);
        int redelivered = 0, already = 0;
        var problems = new List<string>();
        var faults = new List<MessagingFault>();
        foreach (var fault in (await store.ListAsync(all: false, MaxListed, ct)).OrderBy(f => f.Id))
        {
            var answer = await redelivery.RedeliverAsync(fault.Id, by, automatic: false, ct);
            switch (answer.Outcome)
            {
                case RedeliveryOutcome.Redelivered:
                    redelivered++;
                    faults.Add(answer.Fault!);
                    break;
                case RedeliveryOutcome.AlreadyRedelivered:
                    already++;
                    break;
                case RedeliveryOutcome.BusDown:
                    return Results.Problem(detail: answer.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
                default:
                    problems.Add($"{fault.Id}: {answer.Problem}");
                    break;
            }
        }

        return Results.Ok(new RedeliveryResult(redelivered, already, problems, faults));
    }
}

public sealed record FaultList(int Waiting, IReadOnlyList<FaultCount> Counts, IReadOnlyList<MessagingFault> Faults);

/// <summary>How many were sent again, how many had been already (nothing sent), what could not be, and the faults sent.</summary>
public sealed record RedeliveryResult(int Redelivered, int AlreadyRedelivered, IReadOnlyList<string> NotRedelivered, IReadOnlyList<MessagingFault> Faults);
