using FeishuApiGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FeishuApiGen.Fleet;

/// <summary>
/// Whether the fleet's shared store answers for one part of the coordination (the token, the rate budgets): the first
/// failure of an outage is logged, every failure counted, and the first answer after it logged as the end of the outage.
/// </summary>
/// <param name="part">The part, as logged and tagged: <see cref="TokenPart"/> or <see cref="RatePart"/>.</param>
/// <param name="appId">The app, as logged.</param>
/// <param name="logger">Where the outage's start and end are logged.</param>
/// <param name="metrics">Where every failure is counted.</param>
internal sealed class FleetHealth(string part, string appId, ILogger logger, FeishuMetrics metrics)
{
    public const string TokenPart = "token";
    public const string RatePart = "rate";

    private int _down;

    public void Failed(Exception error)
    {
        metrics.FleetFallback(part);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            FeishuLog.FleetShareFailed(logger, appId, part, FeishuTransientException.Describe(error));
        }
    }

    public void Answered()
    {
        if (Volatile.Read(ref _down) != 0 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            FeishuLog.FleetShareResumed(logger, appId, part);
        }
    }
}
