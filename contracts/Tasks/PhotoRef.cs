namespace Samples.Contracts.Tasks;

/// <summary>
/// A photo taken at sampling, named by the SHA-256 of its bytes (uploaded before the record that cites it):
/// <see cref="Kind"/> is <c>label</c>, <c>sample</c> or <c>seals</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.photo-ref.v1")]
public sealed record PhotoRef(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Sha256,
    [property: Id(2)] long Bytes)
{
    public static readonly IReadOnlyList<string> Kinds = ["label", "sample", "seals"];

    /// <summary>The most photos one sampling record cites.</summary>
    public const int MaxPerRecord = 12;

    /// <summary>The largest photo stored (the web app shrinks a camera's picture well below this before sending it).</summary>
    public const long MaxBytes = 2 * 1024 * 1024;
}
