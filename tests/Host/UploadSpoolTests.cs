using System.Text;
using Samples.Silo.Directory;

namespace Samples.Tests.Host;

public sealed class UploadSpoolTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_upload_is_spooled_owner_only_and_removed_afterwards()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("spool-");
        try
        {
            string path;
            using (var spool = await UploadSpool.CopyAsync(new MemoryStream(Encoding.UTF8.GetBytes("uscc,name\n")), CancellationToken.None, folder.FullName))
            {
                path = spool.Path;
                File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "other local users must not read the directory's personal data");
                using var reader = new StreamReader(spool.OpenRead());
                (await reader.ReadToEndAsync()).Should().Be("uscc,name\n");
            }

            File.Exists(path).Should().BeFalse("the spool is deleted when the import is done");
            folder.GetFiles().Should().BeEmpty();
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
