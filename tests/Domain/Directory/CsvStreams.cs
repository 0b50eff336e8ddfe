using System.Text;

namespace Samples.Domain.Tests.Directory;

/// <summary>Streams for CSV tests: ones that hand out one byte at a time, and ones that generate large inputs without holding them in memory.</summary>
internal static class CsvStreams
{
    public static MemoryStream Utf8(string text, bool bom = false) =>
        new([.. (bom ? Encoding.UTF8.Preamble : []), .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>Every Read returns at most one byte, so each buffer boundary falls everywhere once.</summary>
    public static Stream OneByteAtATime(byte[] bytes) => new TrickleStream(bytes);

    /// <summary>UTF-8 of <paramref name="count"/> lines made by <paramref name="line"/> (each without its line break, LF added), generated as read.</summary>
    public static Stream Lines(int count, Func<int, string> line) => new GeneratedStream(count, line);

    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position >= bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[position++];
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class GeneratedStream(int count, Func<int, string> line) : Stream
    {
        private byte[] pending = [];
        private int pendingOffset;
        private int next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            var written = 0;
            while (written < count1)
            {
                if (pendingOffset == pending.Length)
                {
                    if (next == count)
                    {
                        break;
                    }

                    var builder = new StringBuilder();
                    for (var i = 0; i < 256 && next < count; i++)
                    {
                        builder.Append(line(next++)).Append('\n');
                    }

                    pending = Encoding.UTF8.GetBytes(builder.ToString());
                    pendingOffset = 0;
                }

                var n = Math.Min(count1 - written, pending.Length - pendingOffset);
                Buffer.BlockCopy(pending, pendingOffset, buffer, offset + written, n);
                pendingOffset += n;
                written += n;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();
    }
}
