using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Samples.Silo.Hosting;

namespace Samples.Tests.Host.Deploy;

/// <summary>Samples:SecretFiles: a mounted folder of secrets, one file per setting, read over appsettings and the environment.</summary>
public sealed class SecretFilesTests : IDisposable
{
    private readonly string folder = System.IO.Directory.CreateTempSubdirectory("samples-secrets-").FullName;

    public void Dispose() => System.IO.Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_file_named_like_the_environment_variable_sets_the_setting()
    {
        File.WriteAllText(Path.Combine(folder, "Samples__Postgres__ConnectionString"), "Host=db.internal;Password=from-file\n");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("Samples:Postgres:ConnectionString", "Host=127.0.0.1;Password=samples"), new("Samples:SecretFiles", folder)]);

        builder.AddSamplesSecretFiles();

        builder.Configuration["Samples:Postgres:ConnectionString"].Should().Be("Host=db.internal;Password=from-file", "the file wins, its trailing newline trimmed");
    }

    [Fact]
    public void A_missing_folder_stops_the_start_naming_the_setting()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("Samples:SecretFiles", Path.Combine(folder, "absent"))]);

        var start = () => builder.AddSamplesSecretFiles();

        start.Should().Throw<SettingsException>().WithMessage("*Samples:SecretFiles*");
    }
}
