
namespace Samples.Silo.Directory;

/// <summary>
/// An upload copied to a temporary file before it is read, so a slow upload holds no database transaction open. The
/// file is owner-only from its creation (the directory's personal data must not be readable by other local users),
/// never one that already existed there, and deleted when the spool is disposed.
/// </summary>
public sealed class UploadSpool : IDisposable
{
    private UploadSpool(string path) => Path = path;

    public string Path { get; }

    public static async Task<UploadSpool> CopyAsync(Stream upload, CancellationToken cancellationToken, string? directory = null)
    {
        var spool = new UploadSpool(System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"samples-import-{Guid.NewGuid():N}.csv"));
        try
        {
            var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new FileStream(spool.Path, owner);
            await upload.CopyToAsync(file, cancellationToken);
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    public FileStream OpenRead() => File.OpenRead(Path);

    public void Dispose() => File.Delete(Path);
}
