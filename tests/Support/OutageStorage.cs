using Orleans.Storage;

namespace Samples.Tests.Support;

/// <summary>Grain storage that fails every read and write while <see cref="Down"/> is set (the database is down), else passes through.</summary>
public sealed class OutageStorage(IGrainStorage inner) : IGrainStorage
{
    private volatile bool down;

    public bool Down { get => down; set => down = value; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Down ? Task.FromException(new TimeoutException("storage is down (test)")) : inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Down ? Task.FromException(new TimeoutException("storage is down (test)")) : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Down ? Task.FromException(new TimeoutException("storage is down (test)")) : inner.ClearStateAsync(stateName, grainId, grainState);
}
