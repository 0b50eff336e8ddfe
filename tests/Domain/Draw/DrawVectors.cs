using System.Text.Json;
using Samples.Domain.Tests.Support;

namespace Samples.Domain.Tests.Draw;

/// <summary>The published vectors of draw/spec/draw-spec.md: draw/spec/vectors/draw-vectors.json, beside the spec they come from.</summary>
internal static class DrawVectors
{
    private static readonly Lazy<JsonElement> Root = new(Load);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    private static JsonElement Load()
    {
        var path = Path.Combine(RepoPaths.DrawSpec, "vectors", "draw-vectors.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The draw test vectors are missing: expected {path} in the repository.", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
