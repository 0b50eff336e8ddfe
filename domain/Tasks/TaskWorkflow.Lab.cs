using System.Globalization;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Draw;

namespace Samples.Domain.Tasks;

/// <summary>At the lab: the sample is received (seals checked), results are posted item by item, and the test report is issued.</summary>
public static partial class TaskWorkflow
{
    private static WorkflowOutcome Receive(TaskView t, ReceiveSample r, TaskCommand request)
    {
        var retest = t.Stage == TaskStage.RetestAssigned;
        if (t.Stage != TaskStage.HandedOver && !retest)
        {
            return WrongStage(t, "received");
        }

        var lab = retest ? t.Retest!.LabId : t.LabId!;
        if (request.Actor.Role != Role.Lab || request.Actor.Subject != lab)
        {
            return Forbidden($"only lab {lab}, to which the sample was handed, receives it");
        }

        var recorded = t.Sampling!.Seals.ToHashSet(StringComparer.Ordinal);
        var seen = (r.SealsSeen ?? []).Select(s => s.Trim()).ToArray();
        var unknown = seen.Where(s => !recorded.Contains(s)).ToArray();
        var missing = retest ? [] : recorded.Where(s => !seen.Contains(s)).ToArray();
        var problem = !r.SealsIntact ? "a seal is broken"
            : seen.Length == 0 ? "no seal number was checked"
            : unknown.Length > 0 ? $"seal {string.Join(", ", unknown)} is not on the sampling record"
            : missing.Length > 0 ? $"seal {string.Join(", ", missing)} of the sampling record is missing"
            : null;
        var note = string.IsNullOrWhiteSpace(r.Note) ? problem : $"{problem ?? "seals intact"}; {r.Note.Trim()}";
        if (problem is null)
        {
            var received = t with
            {
                Stage = retest ? TaskStage.RetestReceived : TaskStage.Received,
                Custody = [.. t.Custody, new CustodyStep(retest ? "reserve" : "test and reserve", retest ? "reserve store" : string.Join(", ", t.Sampling.SampledBy), lab, request.At, "received", note)],
                NextStep = retest ? $"lab {lab} re-tests the disputed items: {string.Join(", ", t.Objection!.Items)}" : $"lab {lab} posts the results item by item",
            };
            return Changed(received, request, $"received by lab {lab}; seals {string.Join(", ", seen)} intact");
        }

        var rejected = new CustodyStep(retest ? "reserve" : "test and reserve", retest ? "reserve store" : string.Join(", ", t.Sampling.SampledBy), lab, request.At, "rejected", note);
        if (retest)
        {
            var invalidReserve = t with
            {
                Stage = TaskStage.Objected,
                Custody = [.. t.Custody, rejected],
                Retest = t.Retest! with { ReserveInvalid = true },
                NextStep = "the reserve sample is invalid, so the re-test cannot be done: the supervisor concludes on the first result",
            };
            return Changed(invalidReserve, request, $"reserve sample invalid at lab {lab}: {problem}");
        }

        var resample = t with
        {
            Stage = TaskStage.Accepted,
            Custody = [.. t.Custody, rejected],
            Sampling = null,
            LabId = null,
            Resamples = t.Resamples + 1,
            NextStep = $"the sample is invalid ({problem}): the team samples the target again",
        };
        return Changed(resample, request, $"sample invalid at lab {lab}: {problem}; to be sampled again");
    }

    private static WorkflowOutcome Post(TaskView t, PostResults p, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        var retest = t.Stage == TaskStage.RetestReceived;
        if (t.Stage is not (TaskStage.Received or TaskStage.Testing) && !retest)
        {
            return WrongStage(t, "given results (the lab must have received the sample)");
        }

        var lab = retest ? t.Retest!.LabId : t.LabId!;
        if (request.Actor.Role != Role.Lab || request.Actor.Subject != lab)
        {
            return Forbidden($"only lab {lab}, which holds the sample, posts its results");
        }

        if (context.Category is not { } category)
        {
            return Invalid("category", $"'{t.Category}' is not a category of the catalogue in force");
        }

        if (p.Items is not { Count: > 0 })
        {
            return Invalid("items", "at least one item result");
        }

        var posted = (retest ? t.Retest!.Results : t.Results).ToDictionary(r => r.Item, StringComparer.Ordinal);
        var fresh = new List<ItemResult>();
        var description = Description(t);
        for (var i = 0; i < p.Items.Count; i++)
        {
            var r = p.Items[i];
            var field = $"items[{i}]";
            var item = category.FindItem(r.Item ?? string.Empty);
            if (item is null)
            {
                return Invalid($"{field}.item", $"'{r.Item}' is not a test item of {category.Code} (one of: {string.Join(", ", category.Items.Select(x => x.Code))})");
            }

            if (retest && !t.Objection!.Items.Contains(r.Item!))
            {
                return Invalid($"{field}.item", $"'{r.Item}' is not disputed: the re-test covers only {string.Join(", ", t.Objection.Items)}");
            }

            if (p.Items.Take(i).Any(x => x.Item == r.Item))
            {
                return Invalid($"{field}.item", $"'{r.Item}' is given twice");
            }

            var (measurement, problem) = ItemResults.ToMeasurement(r);
            if (problem is not null)
            {
                return Invalid($"{field}.kind", problem);
            }

            var verdict = VerdictEngine.EvaluateItem(category, item, description, measurement);
            if (verdict.Outcome == ItemOutcome.InvalidInput)
            {
                return Invalid(field, verdict.Reason);
            }

            if (posted.TryGetValue(r.Item!, out var earlier))
            {
                if (earlier != r)
                {
                    return WorkflowOutcome.Refused(TaskRefusal.Conflict, $"{field}.item", $"'{r.Item}' was already posted with another result; a posted result is not changed");
                }

                continue;
            }

            fresh.Add(r);
        }

        if (fresh.Count == 0)
        {
            return new(t, null, false);
        }

        var detail = $"lab {lab} posted " + string.Join("; ", fresh.Select(Describe));
        if (retest)
        {
            var retestResults = t.Retest!.Results.Concat(fresh).ToArray();
            var retested = t with { Retest = t.Retest with { Results = retestResults } };
            if (!t.Objection!.Items.All(i => retestResults.Any(r => r.Item == i)))
            {
                return Changed(retested with { NextStep = "more disputed items to re-test" }, request, detail);
            }

            // The re-test is final: its items replace the first results.
            var combined = t.Results.Where(r => !t.Objection.Items.Contains(r.Item)).Concat(retestResults);
            var final = ItemResults.View(VerdictEngine.Evaluate(category, description, ItemResults.Measurements(combined), context.CatalogueVersion));
            return Changed(Concluded(retested, final, today, context), request, $"{detail}; re-test final: {final.Outcome}");
        }

        var results = t.Results.Concat(fresh).ToArray();
        var batch = VerdictEngine.Evaluate(category, description, ItemResults.Measurements(results), context.CatalogueVersion);
        var next = batch.Outcome == BatchOutcome.Incomplete
            ? t with { Stage = TaskStage.Testing, Results = results, NextStep = "more required items to post: " + string.Join(", ", batch.Items.Where(i => i.Outcome == ItemOutcome.NotTested && i.Required).Select(i => i.ItemCode)) }
            : t with { Stage = TaskStage.Tested, Results = results, Verdict = ItemResults.View(batch), NextStep = $"lab {lab} issues the report" };
        return Changed(next, request, next.Stage == TaskStage.Tested ? $"{detail}; verdict {next.Verdict!.Outcome}" : detail);
    }

    private static WorkflowOutcome Report(TaskView t, IssueReport i, TaskCommand request, DateOnly today)
    {
        if (t.Stage != TaskStage.Tested)
        {
            return WrongStage(t, "reported (every required result must be in)");
        }

        if (request.Actor.Role != Role.Lab || request.Actor.Subject != t.LabId)
        {
            return Forbidden($"only lab {t.LabId} issues this report");
        }

        if (string.IsNullOrWhiteSpace(i.ReportNumber))
        {
            return Invalid("reportNumber", "is required");
        }

        var next = t with { Stage = TaskStage.Reported, Report = new ReportFacts(i.ReportNumber.Trim(), today, t.LabId!), NextStep = RiskMonitoring.IsMonitoring(t)
            ? "conclude: 风险监测 risk monitoring has no notice of results and no objection"
            : "notify the enterprise in writing, with its rights" };
        return Changed(next, request, $"report {i.ReportNumber.Trim()} issued: {t.Verdict!.Outcome}");
    }
}
