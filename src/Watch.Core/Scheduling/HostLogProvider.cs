using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Watch.Scheduling;

/// <summary>
/// Hangfire's logs, through the host's logger factory. Hangfire keeps one log provider for the whole process, the one
/// of the host configured last: once that host is disposed (the tests build many in one process), its factory refuses
/// new loggers, and Hangfire threw that into the jobs another host was queueing. A host that is gone logs nothing instead.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new Log(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Gone.Instance;
        }
    }

    private sealed class Log(ILogger logger) : ILog
    {
        // Hangfire asks with no message whether a level is on.
        bool ILog.Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception)
        {
            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Gone : ILog
    {
        public static readonly Gone Instance = new();
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
