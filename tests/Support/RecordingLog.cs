using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Samples.Tests.Support;

/// <summary>What a test silo logged (at the levels its configuration lets through), for tests that check the log itself.</summary>
public sealed class RecordingLog : ILoggerProvider
{
    /// <summary>Enough for any test; a silo that logs more stops recording rather than growing without bound.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (log.entries.Count < Capacity)
            {
                log.entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
