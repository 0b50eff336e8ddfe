using Samples.Domain.Bulletins;
using Samples.Domain.Documents;
using Samples.Silo.Documents;

namespace Samples.Silo.Bulletins;

/// <summary>
/// Prints a bulletin: the masthead with its QR code, the summary, bar charts of the pass rate by category and by
/// prefecture and of the batches per period, then every table of its content. A draft says so on every page.
/// </summary>
public static class BulletinPdf
{
    public static byte[] Render(DocumentContent content, BulletinFigures f, string code, string verifyUrl, string authority, bool draft)
    {
        var document = DocumentPdf.NewDocument(content.Number, content.TitleZh, code);
        using (var page = new PdfPageWriter(document))
        {
            DocumentPdf.Masthead(page, authority, content.TitleZh, content.TitleEn, code, verifyUrl);
            page.Text($"编号 No.  {content.Number}    签发日期 Issued on  {DocumentComposer.Day(content.IssuedOn)}", 9.5, width: PdfPageWriter.Width - 110);
            if (draft)
            {
                page.Text("草稿：未公开，仅供审核 DRAFT: not published, for review only", 11, bold: true, brush: PdfSharp.Drawing.XBrushes.DarkRed);
            }

            if (content.Replaces is { } replaced)
            {
                page.Text($"更正版本：替代 {replaced}  Corrected version, replaces {replaced}", 9.5, bold: true);
            }

            page.Skip(Math.Max(0, PdfPageWriter.Margin + 118 - page.Y));
            var summary = content.Blocks[0];
            page.Heading(summary.HeadingZh, summary.HeadingEn);
            foreach (var field in summary.Fields)
            {
                page.Field(field.LabelZh, field.LabelEn, field.Value);
            }

            Chart(page, "合格率（按产品类别）", "Pass rate by category", f.ByCategory);
            Chart(page, "合格率（按地区）", "Pass rate by prefecture", f.ByPrefecture);
            page.Heading("抽查批次（与前期比较）", "Batches per period");
            var most = Math.Max(1, f.Trend.Max(t => t.Batches));
            page.Bars([.. f.Trend.Select(t => (t.Name, (double)t.Batches, $"{t.Batches} · {BulletinDocument.Rate(t.PassRate)}"))], most);

            foreach (var block in content.Blocks.Skip(1))
            {
                page.Heading(block.HeadingZh, block.HeadingEn);
                foreach (var field in block.Fields)
                {
                    page.Field(field.LabelZh, field.LabelEn, field.Value);
                }

                if (block.Table is { } table)
                {
                    page.Table(table.Columns, table.Rows, table.Columns.Count == 6 ? [1.6, 1.4, 2.2, 2.6, 1.2, 1.6] : [3, 1, 1, 1, 1.2]);
                }
            }

            DocumentPdf.VerifyBlock(page, content.Sha256(), code, verifyUrl);
            page.Footers(draft ? $"草稿 DRAFT · {content.Number}" : $"{content.Number} · 验证码 Code {code}");
        }

        return DocumentPdf.Save(document);
    }

    private static void Chart(PdfPageWriter page, string zh, string en, IReadOnlyList<Tally> tallies)
    {
        if (tallies.Count == 0)
        {
            return;
        }

        page.Heading(zh, en);
        page.Bars([.. tallies.Select(t => (t.Name, (double)(t.PassRate ?? 0), $"{BulletinDocument.Rate(t.PassRate)} ({t.Batches})"))], 100);
    }
}
