using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Watch.Tests;

/// <summary>Keeps every log line that passes the host's filters, for checks that secrets never appear in logs.</summary>
internal sealed class RecordingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, logs);
    public void Dispose() { }

    private sealed class Recorder(string category, ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
