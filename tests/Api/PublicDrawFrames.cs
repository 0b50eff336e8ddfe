using System.IO.Compression;
using Samples.Draw;

namespace Samples.Tests.Api;

/// <summary>
/// A draw's public frame files as anyone downloads them (NAME.csv.gz), for checking a bundle that holds its frames by
/// hash: the target frame is handed to the verifier as a stream, as <c>samples verify</c> reads it.
/// </summary>
internal static class PublicDrawFrames
{
    public static async Task<FrameFiles> DownloadAsync(HttpClient client, string drawId)
    {
        async Task<byte[]> Get(string name) =>
            await client.GetByteArrayAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/{name}{PublishedFrames.Compressed}");

        var targets = await Get(PublishedFrames.Targets);
        return new FrameFiles(null, Gunzip(await Get(PublishedFrames.Inspectors)), Gunzip(await Get(PublishedFrames.Exclusions)))
        {
            OpenTargets = () => new GZipStream(new MemoryStream(targets), CompressionMode.Decompress),
        };
    }

    /// <summary>The three NAME.csv.gz files written into a folder under their plain names (a verifier finds those too).</summary>
    public static async Task SaveAsync(HttpClient client, string drawId, string folder)
    {
        foreach (var name in PublishedFrames.Names)
        {
            var file = name + PublishedFrames.Compressed;
            await File.WriteAllBytesAsync(
                Path.Combine(folder, file), await client.GetByteArrayAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/frames/{file}"));
        }
    }

    /// <summary>The differences <see cref="Verifier.Verify"/> finds in a public bundle, checked with its public frame files.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(HttpClient client, DrawBundle bundle) =>
        Verifier.Verify(bundle, await DownloadAsync(client, bundle.Commitment.DrawId));

    public static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
