using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Grains.Plans;

public sealed class SamplingHistoryState
{
    public Dictionary<string, SamplingRecord> Records { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Who added records when, so a record's origin can be told.</summary>
    public List<string> Audit { get; set; } = [];
}

[GrainType("sampling-history")]
public sealed class SamplingHistoryGrain(
    [PersistentState("sampling-history", StorageNames.Default)] IPersistentState<SamplingHistoryState> state,
    TimeProvider clock) : Grain, ISamplingHistoryGrain
{
    public async Task<SamplingHistoryResult> RecordAsync(IReadOnlyList<SamplingRecord> records, DateOnly today, string requestedBy)
    {
        var (checkedRecords, problems) = SamplingHistoryRules.Check(records, state.State.Records, today);
        if (problems.Count > 0)
        {
            return new(0, 0, problems);
        }

        var added = checkedRecords.Where(r => !state.State.Records.ContainsKey(r.BatchId)).ToArray();
        if (added.Length > 0)
        {
            foreach (var record in added)
            {
                state.State.Records[record.BatchId] = record;
            }

            state.State.Audit.Add($"{clock.GetUtcNow():O} {requestedBy} added {added.Length}: {string.Join(", ", added.Select(r => r.BatchId))}");
            await state.WriteOrReloadAsync(this);
        }

        return new(added.Length, checkedRecords.Length - added.Length, []);
    }

    public Task<IReadOnlyList<SamplingRecord>> SinceAsync(DateOnly from) => Task.FromResult<IReadOnlyList<SamplingRecord>>(
        state.State.Records.Values.Where(r => r.SampledOn >= from).OrderBy(r => r.SampledOn).ThenBy(r => r.BatchId, StringComparer.Ordinal).ToArray());
}
