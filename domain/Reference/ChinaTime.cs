using System.Globalization;

namespace Samples.Domain.Reference;

/// <summary>China Standard Time (UTC+8, no daylight saving): the calendar day the law's periods and draw dates count in.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The day in China at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>
    /// An instant as people read it in messages, history and notices: China time with its offset, to the second (entropy
    /// deadlines are), e.g. <c>2026-12-05 21:30:00 (UTC+8)</c>. The JSON API keeps ISO 8601 instead.
    /// </summary>
    public static string Text(DateTimeOffset instant) => $"{Cell(instant)} (UTC+8)";

    /// <summary>China time without the offset, for a table column whose header names the zone ("Committed (UTC+8)").</summary>
    public static string Cell(DateTimeOffset instant) => instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
