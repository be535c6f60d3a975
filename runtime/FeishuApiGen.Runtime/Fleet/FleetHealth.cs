using FeishuApiGen.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FeishuApiGen.Fleet;

/// <summary>
/// Whether the fleet's shared store answers, per part (the token, the rate budgets): the first failure of an outage
/// is logged, every failure counted, and the first answer after it logged as the end of the outage.
/// </summary>
internal sealed class FleetHealth(string appId, ILogger logger, FeishuMetrics metrics)
{
    public const string TokenPart = "token";
    public const string RatePart = "rate";

    private int _tokenDown;
    private int _rateDown;

    public void Failed(string part, Exception error)
    {
        metrics.FleetFallback(part);
        if (Interlocked.Exchange(ref Flag(part), 1) == 0)
        {
            FeishuLog.FleetShareFailed(logger, appId, part, FeishuTransientException.Describe(error));
        }
    }

    public void Answered(string part)
    {
        if (Volatile.Read(ref Flag(part)) != 0 && Interlocked.Exchange(ref Flag(part), 0) == 1)
        {
            FeishuLog.FleetShareResumed(logger, appId, part);
        }
    }

    private ref int Flag(string part)
    {
        if (part == TokenPart)
        {
            return ref _tokenDown;
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(part, RatePart);
        return ref _rateDown;
    }
}
