using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Samples.Silo.Documents;

/// <summary>
/// Lays text, labelled fields, tables and bar charts down A4 pages, starting a new page when one is full (a table's
/// heading row is repeated). Chinese has no spaces, so lines break between any two Chinese characters, and between
/// words elsewhere.
/// </summary>
public sealed class PdfPageWriter : IDisposable
{
    public const double Margin = 48;
    private const double FooterSpace = 36;

    private readonly PdfDocument document;
    private XGraphics? graphics;
    private double y;

    public PdfPageWriter(PdfDocument document)
    {
        this.document = document;
        NewPage();
    }

    public static XFont Font(double size, bool bold = false) =>
        new(DocumentFont.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    public XGraphics Graphics => graphics!;

    public double Y => y;

    public static double Width => PdfSharp.PageSizeConverter.ToSize(PdfSharp.PageSize.A4).Width - (2 * Margin);

    private double Bottom => document.Pages[^1].Height.Point - Margin - FooterSpace;

    public void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    /// <summary>Room for <paramref name="height"/> more points on this page, or a new page.</summary>
    public void Need(double height)
    {
        if (y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Skip(double points) => y += points;

    public void Text(string text, double size, bool bold = false, double x = 0, double? width = null, XBrush? brush = null)
    {
        var font = Font(size, bold);
        foreach (var line in Wrap(text, font, width ?? (Width - x)))
        {
            Need(size * 1.45);
            graphics!.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin + x, y, Width - x, size * 1.45), XStringFormats.TopLeft);
            y += size * 1.45;
        }
    }

    public void Heading(string zh, string en)
    {
        Need(40);
        y += 6;
        Text($"{zh}  {en}", 11.5, bold: true);
        graphics!.DrawLine(new XPen(XColors.Gray, 0.6), Margin, y, Margin + Width, y);
        y += 4;
    }

    /// <summary>A label (Chinese above English) on the left and its value wrapped on the right.</summary>
    public void Field(string labelZh, string labelEn, string value)
    {
        const double LabelWidth = 150;
        var font = Font(9.5);
        var lines = Wrap(value, font, Width - LabelWidth);
        var height = Math.Max(2, lines.Count) * 13.5 + 3;
        Need(Math.Min(height, 200));
        var top = y;
        graphics!.DrawString(labelZh, Font(9.5, bold: true), XBrushes.Black, new XRect(Margin, top, LabelWidth, 13.5), XStringFormats.TopLeft);
        graphics.DrawString(labelEn, Font(7.5), XBrushes.DimGray, new XRect(Margin, top + 13.5, LabelWidth, 11), XStringFormats.TopLeft);
        foreach (var line in lines)
        {
            Need(13.5);
            graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin + LabelWidth, y, Width - LabelWidth, 13.5), XStringFormats.TopLeft);
            y += 13.5;
        }

        y = Math.Max(y, top + 27) + 3;
    }

    /// <summary>A table with ruled cells; columns share the width by <paramref name="weights"/>.</summary>
    public void Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> weights, double size = 8.5)
    {
        var total = weights.Sum();
        var widths = weights.Select(w => Width * w / total).ToArray();
        var font = Font(size);
        var bold = Font(size, bold: true);
        var line = size * 1.4;
        var pen = new XPen(XColors.Gray, 0.5);

        void Row(IReadOnlyList<string> cells, XFont f, bool header)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, f, widths[i] - 6)).ToArray();
            var height = (wrapped.Max(w => Math.Max(1, w.Count)) * line) + 5;
            if (y + height > Bottom)
            {
                NewPage();
                if (!header)
                {
                    Row(columns, bold, header: true);
                }
            }

            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                if (header)
                {
                    graphics!.DrawRectangle(XBrushes.WhiteSmoke, x, y, widths[i], height);
                }

                graphics!.DrawRectangle(pen, x, y, widths[i], height);
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    graphics.DrawString(wrapped[i][l], f, XBrushes.Black, new XRect(x + 3, y + 2.5 + (l * line), widths[i] - 6, line), XStringFormats.TopLeft);
                }

                x += widths[i];
            }

            y += height;
        }

        Need(line * 3);
        Row(columns, bold, header: true);
        foreach (var row in rows)
        {
            Row(row, font, header: false);
        }

        y += 6;
    }

    /// <summary>A horizontal bar chart: one bar per label, its length the value against <paramref name="max"/>, the figure printed beside it.</summary>
    public void Bars(IReadOnlyList<(string Label, double Value, string Figure)> bars, double max)
    {
        const double LabelWidth = 170;
        const double BarHeight = 11;
        var font = Font(8.5);
        var room = Width - LabelWidth - 70;
        foreach (var (label, value, figure) in bars)
        {
            Need(BarHeight + 5);
            graphics!.DrawString(Fit(label, font, LabelWidth - 6), font, XBrushes.Black, new XRect(Margin, y, LabelWidth, BarHeight + 2), XStringFormats.TopLeft);
            var length = max <= 0 ? 0 : room * Math.Clamp(value / max, 0, 1);
            graphics.DrawRectangle(XBrushes.LightGray, Margin + LabelWidth, y + 1, room, BarHeight - 1);
            graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(46, 94, 170)), Margin + LabelWidth, y + 1, length, BarHeight - 1);
            graphics.DrawString(figure, font, XBrushes.Black, new XRect(Margin + LabelWidth + room + 6, y, 64, BarHeight + 2), XStringFormats.TopLeft);
            y += BarHeight + 5;
        }

        y += 4;
    }

    /// <summary>Draws a QR code's modules as filled squares (vector: sharp at any print size).</summary>
    public void QrCode(IReadOnlyList<System.Collections.BitArray> modules, double x, double top, double size)
    {
        var module = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var col = 0; col < modules[row].Count; col++)
            {
                if (modules[row][col])
                {
                    // A hair wider than the module, so neighbouring squares print without seams.
                    graphics!.DrawRectangle(XBrushes.Black, x + (col * module), top + (row * module), module + 0.05, module + 0.05);
                }
            }
        }
    }

    /// <summary>Writes every page's footer once the page count is known: <paramref name="footer"/> on the left, "第 i 页 共 n 页" on the right.</summary>
    public void Footers(string footer)
    {
        graphics?.Dispose();
        graphics = null;
        var font = Font(7.5);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var top = page.Height.Point - Margin - 14;
            g.DrawLine(new XPen(XColors.Gray, 0.4), Margin, top - 4, Margin + Width, top - 4);
            g.DrawString(footer, font, XBrushes.DimGray, new XRect(Margin, top, Width - 90, 12), XStringFormats.TopLeft);
            g.DrawString($"第 {i + 1} 页 共 {document.PageCount} 页", font, XBrushes.DimGray, new XRect(Margin, top, Width, 12), XStringFormats.TopRight);
        }
    }

    public void Dispose() => graphics?.Dispose();

    /// <summary>Lines of <paramref name="text"/> no wider than <paramref name="width"/>; explicit line feeds are kept.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var token in Tokens(paragraph))
            {
                var candidate = line + token;
                if (line.Length == 0 || graphics!.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                lines.Add(line.TrimEnd());
                line = token.TrimStart();
            }

            // A token wider than the whole line (a SHA-256) is cut where it must be.
            while (line.Length > 1 && graphics!.MeasureString(line, font).Width > width)
            {
                var cut = line.Length - 1;
                while (cut > 1 && graphics.MeasureString(line[..cut], font).Width > width)
                {
                    cut--;
                }

                lines.Add(line[..cut]);
                line = line[cut..];
            }

            lines.Add(line.TrimEnd());
        }

        return lines;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (graphics!.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && graphics.MeasureString(text[..cut] + "…", font).Width > width)
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    /// <summary>Chinese characters one by one, other words with the space before them.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (IsWide(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return c.ToString();
            }
            else if (c == ' ' && word.Length > 0 && word[^1] != ' ')
            {
                yield return word.ToString();
                word.Clear().Append(c);
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool IsWide(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';
}
