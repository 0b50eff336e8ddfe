namespace Samples.Domain.Reference;

/// <summary>Reference data shipped inside this assembly (Reference/Data/*.json, embedded resources).</summary>
internal static class ShippedData
{
    /// <summary>Opens the one embedded file whose name ends with <paramref name="fileName"/> and reads it.</summary>
    public static T Load<T>(string fileName, Func<Stream, T> read)
    {
        var assembly = typeof(ShippedData).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return read(stream);
    }
}
