using PdfSharp.Pdf;
using QRCoder;
using Samples.Domain.Documents;

namespace Samples.Silo.Documents;

/// <summary>
/// Prints a document: the issuing authority, the title (Chinese, English beside it), number and day, a QR code and the
/// short code that open its public verify page, every block of <see cref="DocumentContent"/>, and the SHA-256 of that
/// content, so a figure changed on a copy differs from both the page and the digest.
/// </summary>
public static class DocumentPdf
{
    public static byte[] Render(DocumentContent content, string code, string verifyUrl, string authority)
    {
        var document = NewDocument(content.Number, $"{content.TitleZh} {content.TitleEn}", code);
        using (var page = new PdfPageWriter(document))
        {
            Masthead(page, authority, content.TitleZh, content.TitleEn, code, verifyUrl);
            page.Text($"编号 No.  {content.Number}", 9.5, width: PdfPageWriter.Width - 110);
            page.Text($"签发日期 Issued on  {DocumentComposer.Day(content.IssuedOn)}", 9.5, width: PdfPageWriter.Width - 110);
            if (content.Replaces is { } replaced)
            {
                page.Text($"更正版本：替代 {replaced}  Corrected version, replaces {replaced}", 9.5, bold: true, width: PdfPageWriter.Width - 110);
            }

            page.Skip(Math.Max(0, PdfPageWriter.Margin + 118 - page.Y));
            foreach (var block in content.Blocks)
            {
                page.Heading(block.HeadingZh, block.HeadingEn);
                foreach (var field in block.Fields)
                {
                    page.Field(field.LabelZh, field.LabelEn, field.Value);
                }

                if (block.Table is { } table)
                {
                    page.Table(table.Columns, table.Rows, Weights(table.Columns.Count));
                }
            }

            if (content.Kind == DocumentKind.SamplingRecord.Code)
            {
                // The paper copy is signed at the enterprise; the record above says whether it was, or why not.
                page.Heading("签字", "Signatures");
                page.Field("抽样人员", "Samplers", "__________________    __________________");
                page.Field("被抽样单位（签字/盖章）", "Enterprise (signature/seal)", "__________________    日期 Date ____________");
            }

            VerifyBlock(page, content.Sha256(), code, verifyUrl);
            page.Footers($"{content.Number} · 验证码 Code {code}");
        }

        return Save(document);
    }

    public static PdfDocument NewDocument(string number, string title, string code)
    {
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = number;
        document.Info.Keywords = $"verify:{code}";
        document.Info.Creator = "Samples";
        return document;
    }

    public static byte[] Save(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The authority, the title and, top right, the QR code with the short code under it.</summary>
    public static void Masthead(PdfPageWriter page, string authority, string titleZh, string titleEn, string code, string verifyUrl)
    {
        const double QrSize = 92;
        var left = PdfPageWriter.Margin + PdfPageWriter.Width - QrSize;
        using (var generator = new QRCodeGenerator())
        using (var data = generator.CreateQrCode(verifyUrl, QRCodeGenerator.ECCLevel.M))
        {
            page.QrCode(data.ModuleMatrix, left, PdfPageWriter.Margin - 6, QrSize);
        }

        page.Graphics.DrawString($"验证码 {code}", PdfPageWriter.Font(8, bold: true), PdfSharp.Drawing.XBrushes.Black,
            new PdfSharp.Drawing.XRect(left - 20, PdfPageWriter.Margin + QrSize - 4, QrSize + 20, 12), PdfSharp.Drawing.XStringFormats.TopCenter);
        page.Text(authority, 9, width: PdfPageWriter.Width - QrSize - 16, brush: PdfSharp.Drawing.XBrushes.DimGray);
        page.Skip(4);
        page.Text(titleZh, 17, bold: true, width: PdfPageWriter.Width - QrSize - 16);
        page.Text(titleEn, 10.5, width: PdfPageWriter.Width - QrSize - 16, brush: PdfSharp.Drawing.XBrushes.DimGray);
        page.Skip(6);
    }

    public static void VerifyBlock(PdfPageWriter page, string contentSha256, string code, string verifyUrl)
    {
        page.Heading("核验", "Verification");
        page.Field("核验方式", "How to verify", $"扫描二维码或打开 {verifyUrl}，核对本文件的每一项内容 / scan the QR code or open the address and compare every figure");
        page.Field("验证码", "Code", code);
        page.Field("内容摘要", "Content SHA-256", contentSha256);
    }

    /// <summary>Column weights: the last columns of an item table (result, verdict) narrower than the first.</summary>
    private static double[] Weights(int columns) => columns switch
    {
        5 => [2.2, 2.2, 2.0, 1.6, 1.2],
        3 => [1.2, 4.6, 1.0],
        _ => [.. Enumerable.Repeat(1.0, columns)],
    };
}
