namespace Samples.Contracts.Tasks;

/// <summary>
/// A file named by the SHA-256 of its bytes, uploaded before the action that cites it: a photo taken at sampling
/// (<see cref="Kind"/> <c>label</c>, <c>sample</c> or <c>seals</c>), or the enterprise's evidence of rectification
/// (<c>rectification</c>: a photo or a PDF).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.photo-ref.v1")]
public sealed record PhotoRef(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Sha256,
    [property: Id(2)] long Bytes)
{
    public const string Rectification = "rectification";

    /// <summary>What a sampling record's photos show.</summary>
    public static readonly IReadOnlyList<string> SamplingKinds = ["label", "sample", "seals"];

    /// <summary>Every kind of file a task keeps.</summary>
    public static readonly IReadOnlyList<string> Kinds = [.. SamplingKinds, Rectification];

    /// <summary>The most files one action cites.</summary>
    public const int MaxPerRecord = 12;

    /// <summary>The largest file stored (the web app shrinks a camera's picture well below this before sending it).</summary>
    public const long MaxBytes = 2 * 1024 * 1024;
}
