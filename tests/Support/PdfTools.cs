using System.Diagnostics;

namespace Samples.Tests.Support;

/// <summary>
/// Reads PDFs the way a person's tools would, with Debian's poppler-utils (ops/test.sh installs them): the text by
/// pdftotext, the pages as PNG images by pdftoppm, so a person can look at what the tests rendered.
/// </summary>
public static class PdfTools
{
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"samples-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            return await RunAsync("pdftotext", "-enc", "UTF-8", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Writes TestResults/documents/NAME-N.png, one per page, and returns how many pages there were.</summary>
    public static async Task<int> PngAsync(byte[] pdf, string name)
    {
        var folder = Path.Combine(Samples.Domain.Tests.Support.RepoPaths.Root, "TestResults", "documents");
        Directory.CreateDirectory(folder);
        foreach (var old in Directory.GetFiles(folder, $"{name}-*.png"))
        {
            File.Delete(old);
        }

        var file = Path.Combine(folder, $"{name}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        await RunAsync("pdftoppm", "-png", "-r", "70", file, Path.Combine(folder, name));
        return Directory.GetFiles(folder, $"{name}-*.png").Length;
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
