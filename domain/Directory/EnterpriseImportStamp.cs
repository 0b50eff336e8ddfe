namespace Samples.Domain.Directory;

/// <summary>
/// One import of the directory CSV: when, by whom, from which file. With a row's line it tells all the history an
/// imported enterprise has (<see cref="EnterpriseImportMapping.ToState"/>), so the directory stores it once per import.
/// </summary>
public sealed record EnterpriseImportStamp(DateTimeOffset At, string By, string Source)
{
    /// <summary>The stamp of an import at <paramref name="now"/>, to whole microseconds (what PostgreSQL keeps of a time).</summary>
    public static EnterpriseImportStamp Of(DateTimeOffset now, string by, string source) =>
        new(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero), by, source);

    public EnterpriseState ToState(EnterpriseRow row) => EnterpriseImportMapping.ToState(row, At, By, Source);
}
