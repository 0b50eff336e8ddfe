using System.Globalization;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Directory;
using Samples.Draw;

namespace Samples.Domain.Tasks;

/// <summary>Sampling: the team records the sample (抽样单), or why it could not sample, or that the enterprise refused; then hands the sample to a lab.</summary>
public static partial class TaskWorkflow
{
    private static WorkflowOutcome Sample(TaskView t, RecordSampling s, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Accepted)
        {
            return WrongStage(t, "sampled (the whole team must have accepted)");
        }

        var problem = SamplingProblem(t, s, context, today);
        if (problem is not null)
        {
            return problem;
        }

        var facts = new SamplingFacts(
            s.BatchId.Trim(), s.TestQuantity, s.ReserveQuantity, s.Unit.Trim(), s.Seals.Select(x => x.Trim()).ToArray(), s.SignedByEnterprise,
            s.SignedByEnterprise ? null : s.RefusedToSignNote!.Trim(), s.SampledOn,
            t.Team.Where(m => m.Status == TeamMember.Accepted).Select(m => m.InspectorId).ToArray(),
            s.Variants ?? new Dictionary<string, string>(), s.Properties ?? new Dictionary<string, decimal>(), context.Batch!.SameProduct,
            s.Photos is { Count: > 0 } photos ? photos.Select(p => p with { Sha256 = p.Sha256.ToLowerInvariant() }).ToArray() : null);
        var next = t with { Stage = TaskStage.Sampled, Sampling = facts, NextStep = "hand the samples to the lab" };
        var detail = $"batch {facts.BatchId} on {Day(facts.SampledOn)}: test {facts.TestQuantity} {facts.Unit}, reserve {facts.ReserveQuantity} {facts.Unit}, "
            + $"seals {string.Join(", ", facts.Seals)}, " + (facts.SignedByEnterprise ? "record signed by the enterprise" : $"enterprise refused to sign ({facts.RefusedToSignNote})")
            + (facts.Photos is { } taken ? $", photos {string.Join(", ", taken.Select(p => $"{p.Kind} sha256:{p.Sha256}"))}" : string.Empty);
        return Changed(next, request, detail);
    }

    private static WorkflowOutcome? SamplingProblem(TaskView t, RecordSampling s, WorkflowContext context, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(s.BatchId))
        {
            return Invalid("batchId", "is required: the sampled batch as recorded in the batch directory");
        }

        if (context.Batch is not { } batch)
        {
            return Invalid("batchId", $"'{s.BatchId}' is not in the batch directory: record the batch first (POST /api/batches)");
        }

        if (batch.Batch.Category != t.Category)
        {
            return Invalid("batchId", $"batch {s.BatchId} is of category {batch.Batch.Category}, the task samples {t.Category}");
        }

        if (batch.Batch.EnterpriseUscc != t.Uscc)
        {
            return Invalid("batchId", $"batch {s.BatchId} was recorded at {batch.Batch.EnterpriseUscc}, the task's target is {t.Uscc}");
        }

        if (s.TestQuantity <= 0)
        {
            return Invalid("testQuantity", "must be above 0");
        }

        if (s.ReserveQuantity <= 0)
        {
            return Invalid("reserveQuantity", "must be above 0: a reserve sample is kept for a re-test");
        }

        if (string.IsNullOrWhiteSpace(s.Unit))
        {
            return Invalid("unit", "is required (e.g. kg, pieces)");
        }

        if (s.Seals is not { Count: > 0 } || s.Seals.Any(string.IsNullOrWhiteSpace))
        {
            return Invalid("seals", "at least one seal number, none empty");
        }

        if (s.Seals.Select(x => x.Trim()).Distinct(StringComparer.Ordinal).Count() != s.Seals.Count)
        {
            return Invalid("seals", "a seal number is given twice");
        }

        if (!s.SignedByEnterprise && string.IsNullOrWhiteSpace(s.RefusedToSignNote))
        {
            return Invalid("refusedToSignNote", "is required when the enterprise did not sign the sampling record");
        }

        if (s.SampledOn > today)
        {
            return Invalid("sampledOn", $"{Day(s.SampledOn)} is in the future (today is {Day(today)})");
        }

        if (s.SampledOn < t.AssignedOn)
        {
            return Invalid("sampledOn", $"{Day(s.SampledOn)} is before the task was assigned ({Day(t.AssignedOn)})");
        }

        if (PhotoProblem(s.Photos) is { } photo)
        {
            return photo;
        }

        var description = new SampleDescription
        {
            Variants = s.Variants ?? new Dictionary<string, string>(),
            Properties = s.Properties ?? new Dictionary<string, decimal>(),
        };
        var problems = VerdictEngine.CheckSample(context.Category!, description);
        return problems.Count > 0 ? Invalid("variants", string.Join("; ", problems)) : null;
    }

    /// <summary>Photos are optional; those cited are of a known kind, named by a SHA-256, each once, within the limits.</summary>
    private static WorkflowOutcome? PhotoProblem(IReadOnlyList<PhotoRef>? photos)
    {
        if (photos is null)
        {
            return null;
        }

        if (photos.Count > PhotoRef.MaxPerRecord)
        {
            return Invalid("photos", $"at most {PhotoRef.MaxPerRecord} photos per sampling record");
        }

        foreach (var (p, i) in photos.Select((p, i) => (p, i)))
        {
            if (!PhotoRef.SamplingKinds.Contains(p.Kind))
            {
                return Invalid($"photos[{i}].kind", $"one of: {string.Join(", ", PhotoRef.SamplingKinds)}");
            }

            if (!Photos.IsSha256(p.Sha256))
            {
                return Invalid($"photos[{i}].sha256", "64 hexadecimal characters: the SHA-256 of the photo's bytes");
            }

            if (p.Bytes is <= 0 or > PhotoRef.MaxBytes)
            {
                return Invalid($"photos[{i}].bytes", $"between 1 and {PhotoRef.MaxBytes} bytes");
            }
        }

        return photos.Select(p => p.Sha256.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count() == photos.Count
            ? null
            : Invalid("photos", "a photo is cited twice");
    }

    private static WorkflowOutcome CannotSampleTarget(TaskView t, CannotSample c, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage is not (TaskStage.Assigned or TaskStage.Accepted))
        {
            return WrongStage(t, "marked as not sampleable (only before sampling)");
        }

        if (string.IsNullOrWhiteSpace(c.Reason))
        {
            return Invalid("reason", "is required: why the target cannot be sampled (no such product, not for sale, lot too small)");
        }

        var next = t with { Stage = TaskStage.CannotSample, Outcome = "cannot-sample", NextStep = "the stratum's next alternate is drawn in its place" };
        return Changed(next, request, $"cannot sample: {c.Reason.Trim()}");
    }

    private static WorkflowOutcome Refused(TaskView t, EnterpriseRefused e, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Accepted)
        {
            return WrongStage(t, "recorded as refused (the team records a refusal at the enterprise)");
        }

        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            return Invalid("reason", "is required: what the enterprise did");
        }

        const string Consequence = "refusing a lawful check: warning, order to correct, suspension (产品质量法 Art 16, 56); the case goes to enforcement";
        var next = t with { Stage = TaskStage.Refused, Outcome = "refused", NextStep = Consequence };
        return Changed(next, request, $"enterprise refused: {e.Reason.Trim()}; consequence: {Consequence}");
    }

    private static WorkflowOutcome Hand(TaskView t, HandOver h, TaskCommand request, WorkflowContext context)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Sampled)
        {
            return WrongStage(t, "handed over");
        }

        if (context.Lab is not { } lab)
        {
            return Invalid("labId", $"'{h.LabId}' is not in the lab directory");
        }

        if (LabAccreditation.Gap(lab, t.Category, TestedItems(context)) is { } gap)
        {
            return Invalid("labId", gap);
        }

        var from = string.Join(", ", t.Sampling!.SampledBy);
        var next = t with
        {
            Stage = TaskStage.HandedOver,
            LabId = lab.Id,
            Custody = [.. t.Custody, new CustodyStep("test and reserve", from, lab.Id, request.At, "handed-over")],
            NextStep = $"lab {lab.Id} receives the samples and checks the seals",
        };
        return Changed(next, request, $"test and reserve samples handed by {request.Actor.Subject} to lab {lab.Id}");
    }
}
