using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>Flipping a byte anywhere in a bundle or a frame file: verification fails and names the place.</summary>
public sealed class ByteFlipTests
{
    private static readonly string Json = Bundles.Create(DrawFixture.Ceremony()).ToJson();

    /// <summary>A character of the same kind (digit for digit, letter for letter), so the JSON stays well-formed and the change is a quiet one.</summary>
    private static char Other(char c) => c switch
    {
        >= '0' and <= '8' => (char)(c + 1),
        '9' => '0',
        >= 'a' and <= 'y' => (char)(c + 1),
        'z' => 'a',
        >= 'A' and <= 'Y' => (char)(c + 1),
        'Z' => 'A',
        _ => c,
    };

    [Fact]
    public void Every_quiet_change_of_a_letter_or_digit_in_a_bundle_is_reported_or_refused()
    {
        var missed = new List<string>();
        var positions = Enumerable.Range(0, Json.Length).Where(i => Other(Json[i]) != Json[i]).ToArray();
        foreach (var i in positions.Where((_, n) => n % 7 == 0))
        {
            var changed = string.Concat(Json.AsSpan(0, i), Other(Json[i]).ToString(), Json.AsSpan(i + 1));
            if (!Caught(changed))
            {
                missed.Add($"offset {i}: …{Json.Substring(Math.Max(0, i - 40), Math.Min(80, Json.Length - Math.Max(0, i - 40)))}…");
            }
        }

        string.Join("\n", missed).Should().BeEmpty("every byte of a bundle is covered by a hash, a recomputation or the format");
    }

    [Fact]
    public void Every_byte_of_a_frame_file_is_covered_by_its_hash_and_the_report_names_the_frame()
    {
        var bundle = DrawBundle.FromJson(Json);
        var byHash = bundle with { Frames = new BundleFrames(null, null, null) };
        var files = new[] { bundle.Frames.Targets!, bundle.Frames.Inspectors!, bundle.Frames.Exclusions! }.Select(Encoding.UTF8.GetBytes).ToArray();
        string[] names = ["target frame", "inspector frame", "exclusions"];
        Verifier.Verify(byHash, new FrameFiles(files[0], files[1], files[2])).Should().BeEmpty();

        for (var f = 0; f < files.Length; f++)
        {
            for (var i = 0; i < files[f].Length; i += 13)
            {
                var copy = files.Select(b => (byte[])b.Clone()).ToArray();
                copy[f][i] ^= 0x01;
                var differences = Verifier.Verify(byHash, new FrameFiles(copy[0], copy[1], copy[2]));
                differences.Should().Contain(d => d.StartsWith(names[f], StringComparison.Ordinal), $"byte {i} of the {names[f]} was flipped");
            }
        }
    }

    private static bool Caught(string json)
    {
        try
        {
            return Verifier.Verify(DrawBundle.FromJson(json)).Count > 0;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            return true;
        }
    }
}
