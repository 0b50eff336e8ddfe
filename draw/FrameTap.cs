using System.Security.Cryptography;
using System.Text;

namespace Samples.Draw;

/// <summary>
/// A target frame read once by the verifier: every byte the draw reads also goes into the frame's SHA-256, and every
/// row's id is looked up among the exclusions, so a streamed frame is hashed, checked and re-drawn in one pass.
/// </summary>
internal sealed class FrameTap(Stream inner, IReadOnlySet<string> excluded) : Stream
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _excluded =
        excluded is HashSet<string> { Count: > 0 } set ? set.GetAlternateLookup<ReadOnlySpan<char>>() : null;

    /// <summary>The part of a line carried over from one read to the next.</summary>
    private byte[] _line = new byte[256];
    private int _lineLength;
    private bool _header = true;

    /// <summary>The ids of the frame that are also excluded, in frame order.</summary>
    public List<string> AlsoExcluded { get; } = [];

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>
    /// Reads what the draw left unread (all of it when the draw stopped at a refusal) and gives the SHA-256 of every byte:
    /// a frame that is not the committed one is reported as such, whatever made the draw stop.
    /// </summary>
    public string Finish()
    {
        var rest = new byte[1 << 16];
        while (Read(rest) > 0)
        {
        }

        return Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    /// <summary>Closes the frame's stream (the draw's own disposal leaves it open, so that <see cref="Finish"/> can read on).</summary>
    public void Release()
    {
        _sha.Dispose();
        inner.Dispose();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        var data = buffer[..read];
        _sha.AppendData(data);
        BytesRead += read;
        if (_excluded is not null)
        {
            Lines(data);
        }

        return read;
    }

    /// <summary>Finds each line's id (up to the first comma) and looks it up; a line split between reads is carried over.</summary>
    private void Lines(ReadOnlySpan<byte> data)
    {
        while (data.IndexOf((byte)'\n') is var end and >= 0)
        {
            if (_lineLength > 0)
            {
                Carry(data[..end]);
                Row(_line.AsSpan(0, _lineLength));
                _lineLength = 0;
            }
            else
            {
                Row(data[..end]);
            }

            data = data[(end + 1)..];
        }

        Carry(data);
    }

    private void Carry(ReadOnlySpan<byte> part)
    {
        if (_lineLength + part.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + part.Length));
        }

        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
    }

    private void Row(ReadOnlySpan<byte> line)
    {
        if (_header)
        {
            _header = false;
            return;
        }

        var comma = line.IndexOf((byte)',');
        var id = comma < 0 ? line : line[..comma];
        Span<char> chars = id.Length <= 256 ? stackalloc char[id.Length] : new char[id.Length];
        var length = Encoding.UTF8.GetChars(id, chars);
        if (_excluded!.Value.Contains(chars[..length]))
        {
            AlsoExcluded.Add(new string(chars[..length]));
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Nothing: the draw disposes what it opened, but the verifier still reads on (<see cref="Release"/> closes).</summary>
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
