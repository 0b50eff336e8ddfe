namespace Samples.Client.Output;

/// <summary>
/// Reads through another stream and draws a progress bar on standard error: redrawn in place on a
/// terminal, a line every 10 % otherwise (logs, CI).
/// </summary>
public sealed class ProgressStream(Stream inner, long length, string label, TextWriter error, bool interactive) : Stream
{
    private long position;
    private int lastShown = -1;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Advance(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Advance(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        position += read;
        var percent = length == 0 ? 100 : (int)(position * 100 / length);
        var step = interactive ? percent : percent / 10 * 10;
        if (step != lastShown)
        {
            lastShown = step;
            var bar = new string('#', percent / 4).PadRight(25, '.');
            var text = $"{label} [{bar}] {percent,3}% {position / 1048576.0:0.0}/{length / 1048576.0:0.0} MB";
            if (interactive)
            {
                error.Write($"\r{text}");
                if (percent == 100)
                {
                    error.WriteLine();
                }
            }
            else
            {
                error.WriteLine(text);
            }
        }

        return read;
    }
}
