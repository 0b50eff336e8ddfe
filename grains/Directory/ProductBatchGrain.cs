using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Grains.Directory;

public sealed class ProductBatchState
{
    public DefineBatch? Batch { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public BatchView? ToView() => Batch is null ? null : new BatchView(Batch, Batch.SameProduct.Text, RecordedAt, RecordedBy);
}

/// <summary>A recorded batch never changes: what was sampled is evidence. The same definition again is a no-op.</summary>
[GrainType("product-batch")]
public sealed class ProductBatchGrain(
    [PersistentState("product-batch", StorageNames.Default)] IPersistentState<ProductBatchState> state,
    TimeProvider clock) : Grain, IProductBatchGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The registry is a list of ids: re-send ours on activation so a crash between the two writes heals itself.
        if (state.State.Batch is not null)
        {
            await Registry.AddAsync(this.GetPrimaryKeyString());
        }
    }

    public async Task<BatchResult> DefineAsync(DefineBatch command)
    {
        var now = clock.GetUtcNow();
        var problems = BatchRules.Check(command, DateOnly.FromDateTime(now.UtcDateTime)).ToList();
        problems.AddRange(await ReferenceCodes.ProblemsAsync(GrainFactory, clock, [], "category", [command.Category]));
        if (!string.Equals(command.BatchId?.Trim(), this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            problems.Add(new("batchId", $"'{command.BatchId}' does not match the batch addressed ('{this.GetPrimaryKeyString()}')"));
        }

        if (problems.Count > 0)
        {
            return new(false, null, problems);
        }

        var normalised = BatchRules.Normalise(command);
        if (state.State.Batch is { } known)
        {
            if (known with { RequestedBy = normalised.RequestedBy } == normalised)
            {
                // A retry repairs a registry entry whose first add failed.
                await Registry.AddAsync(this.GetPrimaryKeyString());
                return new(false, state.State.ToView(), []);
            }

            return new(false, state.State.ToView(), [new("batchId", $"batch {known.BatchId} is already recorded with different data; a recorded batch does not change")]);
        }

        state.State.Batch = normalised;
        state.State.RecordedAt = now;
        state.State.RecordedBy = command.RequestedBy;
        await state.WriteOrReloadAsync(this);
        await Registry.AddAsync(this.GetPrimaryKeyString());
        return new(true, state.State.ToView(), []);
    }

    public Task<BatchView?> GetAsync() => Task.FromResult(state.State.ToView());

    private IBatchRegistryGrain Registry => GrainFactory.GetGrain<IBatchRegistryGrain>(IBatchRegistryGrain.Key);
}
