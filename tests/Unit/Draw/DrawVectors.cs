using System.Text.Json;
using Samples.Tests.Support;

namespace Samples.Tests.Unit.Draw;

/// <summary>The published vectors of draw-spec.md: ../shared/vectors/draw-vectors.json beside the clone.</summary>
internal static class DrawVectors
{
    private static readonly Lazy<JsonElement> Root = new(Load);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    private static JsonElement Load()
    {
        var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "vectors", "draw-vectors.json"));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The draw test vectors are missing: expected {path} (the shared/ folder beside the repository clone, as CI lays it out).", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
