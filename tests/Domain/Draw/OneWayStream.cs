namespace Samples.Domain.Tests.Draw;

/// <summary>
/// A stream that cannot seek and whose length is unknown, as a decompressing stream: reads come in pieces of at most
/// <paramref name="piece"/> bytes, so that lines and blocks straddle reads.
/// </summary>
internal sealed class OneWayStream(byte[] bytes, int piece) : Stream
{
    private readonly MemoryStream _inner = new(bytes, false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, piece));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
