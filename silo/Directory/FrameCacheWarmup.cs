namespace Samples.Silo.Directory;

/// <summary>
/// Reads the directory into the frame cache once the silo has started, in the background: the first round drawn after a
/// start (a national directory: 10,000,000 rows, tens of seconds on two cores) then finds it ready and reads only what
/// changed. A build that comes first waits for it and reuses it. <c>Samples:Directory:WarmFrames=false</c> leaves the
/// cache empty until the first build (the benchmark measures that build so).
/// </summary>
public sealed partial class FrameCacheWarmup(DirectoryFrameCache cache, IConfiguration configuration, ILogger<FrameCacheWarmup> logger) : BackgroundService
{
    public const string Setting = "Samples:Directory:WarmFrames";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only an explicit "false" turns it off: a warm-up is never wrong, so a value that is no boolean keeps it on.
        if (bool.TryParse(configuration[Setting], out var warm) && !warm)
        {
            return;
        }

        // Let the host finish starting first: the warm-up is a chore, not part of the start.
        await Task.Yield();
        try
        {
            await cache.WarmAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Nothing lost: the first build reads the directory whole instead.
            LogNotWarmed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory was not read into the frame cache at start ({Reason}); the first frames read it whole")]
    private static partial void LogNotWarmed(ILogger logger, string reason);
}
