namespace FeishuApiGen;

/// <summary>
/// Base of every failure the runtime raises itself: <see cref="FeishuApiException"/> (Feishu answered with a non-zero
/// <c>code</c>), <see cref="FeishuProtocolException"/> (the answer was not a Feishu envelope) and
/// <see cref="FeishuValidationException"/> (the request broke its spec; nothing was sent). Transport failures stay
/// <see cref="HttpRequestException"/>, cancellation stays <see cref="OperationCanceledException"/>.
/// No message carries the app secret or an access token.
/// </summary>
public abstract class FeishuException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointId">The endpoint called, e.g. <c>corehr.v2.probation.assessment.create</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected FeishuException(string endpointId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        EndpointId = endpointId ?? "";
    }

    /// <summary>The endpoint called, e.g. <c>corehr.v2.probation.assessment.create</c>.</summary>
    public string EndpointId { get; }
}
