namespace Samples.Grains.Reference;

/// <summary>China Standard Time (UTC+8, no daylight saving): the calendar day the law's periods and draw dates count in.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The day in China at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
