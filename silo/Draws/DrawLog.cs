
namespace Samples.Silo.Draws;

/// <summary>What the round jobs log (source-generated: nothing is formatted when the level is off).</summary>
internal static partial class DrawLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Round {DrawId}: {Outcome}, outside entropy accepted until {Deadline:O}")]
    public static partial void Committed(ILogger logger, string drawId, string outcome, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {DrawId}: {Outcome}")]
    public static partial void Drawn(ILogger logger, string drawId, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Round {DrawId}: the {Step} failed and is retried at {At:O}")]
    public static partial void Retry(ILogger logger, Exception exception, string drawId, string step, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {DrawId}: outside entropy is open, draw deferred to {At:O}")]
    public static partial void Deferred(ILogger logger, string drawId, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {DrawId}: {Issued} sampling tasks issued")]
    public static partial void Issued(ILogger logger, string drawId, int issued);
}
