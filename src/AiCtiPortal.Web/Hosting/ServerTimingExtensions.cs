using System.Diagnostics;
using System.Globalization;

namespace AiCtiPortal.Web.Hosting;

/// <summary>
/// Optional "Server-Timing: app;dur=12.3" response header: the time from the request entering the pipeline to the
/// response starting, which for a prerendered page includes its queries and rendering. The load benchmark
/// (tests/AiCtiPortal.Benchmarks, "load") reads it to measure server time apart from the client. Off unless
/// Diagnostics:ServerTiming is true, since timings help an attacker probe for slow queries.
/// </summary>
internal static class ServerTimingExtensions
{
    public const string Setting = "Diagnostics:ServerTiming";

    public static WebApplication UseServerTimingWhenEnabled(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return app;
        }

        app.Use(static (context, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            context.Response.OnStarting(static state =>
            {
                var (response, started) = ((HttpResponse, long))state;
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                response.Headers["Server-Timing"] = "app;dur=" + elapsed.ToString("0.0", CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            }, (context.Response, start));
            return next(context);
        });
        return app;
    }
}
