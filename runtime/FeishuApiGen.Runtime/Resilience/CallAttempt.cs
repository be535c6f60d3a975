using FeishuApiGen.Transport;

namespace FeishuApiGen.Resilience;

/// <summary>
/// The attempt in progress: what it holds (token, permit) and what it has learnt. The attempt loop
/// (<see cref="CallRunner"/>) writes it; the transport marks it sent. Attempts of one call run one after another.
/// </summary>
internal sealed class CallAttempt : SendProgress
{
    /// <summary>Attempts made so far, this one included.</summary>
    public int Number { get; private set; }

    /// <summary>The tenant token this attempt sent, so a rejection drops exactly that one.</summary>
    public string? TenantToken { get; set; }

    /// <summary>The attempt's rate-limit permit (none when the endpoint is not limited).</summary>
    public RatePermit Permit { get; set; }

    /// <summary>Whether the attempt waited for its token or its permit (so the clock has moved since it began).</summary>
    public bool Waited { get; set; }

    /// <summary>Whether the attempt's timeout was cut to what the call had left, so its firing ends the call.</summary>
    public bool CutToTotal { get; set; }

    /// <summary>Whether the attempt timed out with all the time the call had left: the call's time is up.</summary>
    public bool EndedCallTime { get; set; }

    /// <summary>The log id of the answer, if any.</summary>
    public string? LogId { get; set; }

    /// <summary>The HTTP status of this attempt's answer, once one came.</summary>
    public int? Status { get; set; }

    /// <summary>Starts an attempt: nothing of it has been sent or learnt yet.</summary>
    public void Begin()
    {
        Number++;
        RequestSent = false;
        Waited = false;
        CutToTotal = false;
        EndedCallTime = false;
        Permit = default;
        TenantToken = null;
        LogId = null;
        Status = null;
    }

    /// <summary>The client-side limiter refused the attempt before it began: it does not count.</summary>
    public void NotMade() => Number--;

    /// <summary>Whether resending cannot make Feishu act twice: an idempotent call, or nothing of this attempt sent.</summary>
    public bool SafeToResend(CallPlan plan) => plan.IsIdempotent || !RequestSent;
}
