namespace Samples.Silo.Documents;

/// <summary>
/// Takes the first font out of a TrueType collection (.ttc): PDFsharp reads single fonts only, and Debian's CJK font
/// (fonts-wqy-zenhei) ships as a collection. The font's tables are copied after a new table directory whose offsets
/// point at them; a plain .ttf comes back unchanged.
/// </summary>
public static class TrueTypeCollection
{
    private const uint CollectionTag = 0x74746366; // "ttcf"

    public static byte[] FirstFont(byte[] file)
    {
        if (file.Length < 16 || U32(file, 0) != CollectionTag)
        {
            return file;
        }

        var font = checked((int)U32(file, 12));
        var tables = file[font + 4] << 8 | file[font + 5];
        var directory = 12 + (16 * tables);
        var size = directory;
        for (var i = 0; i < tables; i++)
        {
            size += Padded(checked((int)U32(file, font + 12 + (16 * i) + 12)));
        }

        var result = new byte[size];
        Array.Copy(file, font, result, 0, directory);
        var at = directory;
        for (var i = 0; i < tables; i++)
        {
            var record = font + 12 + (16 * i);
            var (offset, length) = (checked((int)U32(file, record + 8)), checked((int)U32(file, record + 12)));
            Array.Copy(file, offset, result, at, length);
            W32(result, 12 + (16 * i) + 8, (uint)at);
            at += Padded(length);
        }

        return result;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint U32(byte[] b, int o) => (uint)(b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]);

    private static void W32(byte[] b, int o, uint v)
    {
        b[o] = (byte)(v >> 24);
        b[o + 1] = (byte)(v >> 16);
        b[o + 2] = (byte)(v >> 8);
        b[o + 3] = (byte)v;
    }
}
