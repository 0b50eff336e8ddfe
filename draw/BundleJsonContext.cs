using System.Text.Json.Serialization;

namespace Samples.Draw;

/// <summary>
/// The bundle's types described at build time (System.Text.Json's source generator), which the ahead-of-time compiled
/// <c>samples verify</c> (client/Verify) needs: it has no reflection metadata to discover them with. Metadata only: names,
/// converters and every rule still come from <see cref="DrawBundle.Json"/>, which tries this first and reflection for
/// any other type. Under the JIT it neither saves nor costs (docs/benchmarks.md, "the draw benchmark").
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DrawBundle))]
[JsonSerializable(typeof(List<Contribution>))]
[JsonSerializable(typeof(Seals.RevealPart))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
