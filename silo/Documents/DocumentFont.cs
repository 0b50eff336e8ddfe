using PdfSharp.Fonts;

namespace Samples.Silo.Documents;

/// <summary>
/// The one font every document is printed in: a CJK font with Latin letters (Debian's fonts-wqy-zenhei, installed by
/// ops/lib/common.sh), embedded as a subset in each PDF so it prints the same anywhere. Bold is simulated by PDFsharp.
/// </summary>
public sealed class DocumentFont(string path) : IFontResolver
{
    public const string Family = "SamplesCjk";

    /// <summary>Where Debian puts the font (<c>Samples:Documents:FontFile</c> names another).</summary>
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    private readonly Lazy<byte[]> bytes = new(() => TrueTypeCollection.FirstFont(File.ReadAllBytes(path)));

    public string Path => path;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, false);

    public byte[]? GetFont(string faceName) => bytes.Value;

    /// <summary>PDFsharp keeps one resolver per process; the first silo's is kept (test hosts start several silos).</summary>
    public static void Install(string path)
    {
        if (!File.Exists(path))
        {
            throw new Hosting.SettingsException($"The documents' font {path} is missing: install Debian's fonts-wqy-zenhei (ops/lib/common.sh does) or set Samples:Documents:FontFile.");
        }

        if (GlobalFontSettings.FontResolver is null)
        {
            GlobalFontSettings.FontResolver = new DocumentFont(path);
        }
    }
}
