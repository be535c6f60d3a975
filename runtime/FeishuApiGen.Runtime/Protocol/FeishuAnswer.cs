using System.Globalization;
using System.Net;
using System.Text.Json;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Transport;

namespace FeishuApiGen.Protocol;

/// <summary>
/// Where a Feishu answer becomes the call's result or the exception that says what went wrong: an oversized body, a
/// body that is not an envelope, a non-zero <c>code</c> (with the scopes a permission error lacks and the wait a rate
/// limit asks for), a <c>data</c> of the wrong shape. Every text taken from the answer is scrubbed of secrets first.
/// </summary>
internal static class FeishuAnswer
{
    /// <summary>The answer's typed <c>data</c>; throws for anything but <c>code</c> 0 with a readable <c>data</c>.</summary>
    /// <param name="endpoint">The endpoint called.</param>
    /// <param name="answer">The answer as received.</param>
    /// <param name="scrubber">Removes the secrets of the call from any text quoted.</param>
    /// <param name="time">The clock a <c>Retry-After</c> date is measured on.</param>
    /// <param name="logId">The answer's log id (header, else <c>error.log_id</c>), for the caller's log and trace.</param>
    /// <exception cref="FeishuApiException">A non-zero <c>code</c>.</exception>
    /// <exception cref="FeishuProtocolException">The answer is not a Feishu envelope whose <c>data</c> this endpoint reads.</exception>
    public static TResponse Read<TResponse>(FeishuEndpoint endpoint, in ReceivedAnswer answer, SecretScrubber scrubber, TimeProvider time, out string? logId)
        where TResponse : IFeishuResponse<TResponse>
    {
        var status = answer.Status;
        logId = AnswerHeaders.LogId(answer.Response, scrubber);
        ThrowIfTooLarge(endpoint.Id, answer, logId, time, withRetryAfter: true);

        var body = answer.Body;
        FeishuEnvelope envelope;
        TResponse? data;
        try
        {
            envelope = FeishuEnvelope.ParseWithData(endpoint.Id, body, status, logId, scrubber, out data);
        }
        catch (FeishuProtocolException ex) when (status == HttpStatusCode.TooManyRequests)
        {
            // A 429 asks to wait whatever its body: a gateway's HTML page or an empty body carries the same headers.
            ex.RetryAfter = AnswerHeaders.RateLimitReset(answer.Response, time);
            throw;
        }

        logId ??= ServerText.LogId(envelope.ErrorLogId, scrubber);
        if (envelope.Code != 0)
        {
            throw ApiError(endpoint.Id, envelope, answer, logId, scrubber, time, FeishuErrorCodes.IsPermissionError(envelope.Code) ? endpoint.Scopes : null);
        }

        return data ?? ReadData<TResponse>(endpoint.Id, body, envelope, status, logId, scrubber);
    }

    /// <summary>
    /// Checks an answer that carries no <c>data</c> (the token endpoint's) and reads its own members into
    /// <paramref name="extras"/>. Body excerpts that mention a token are withheld.
    /// </summary>
    /// <exception cref="FeishuApiException">A non-zero <c>code</c>.</exception>
    /// <exception cref="FeishuProtocolException">The answer is not a Feishu envelope.</exception>
    /// <param name="endpointId">The endpoint called.</param>
    /// <param name="answer">The answer as received.</param>
    /// <param name="scrubber">Removes secrets from any text quoted.</param>
    /// <param name="time">The clock a <c>Retry-After</c> date is measured on.</param>
    /// <param name="extras">Receives the endpoint's own members.</param>
    /// <param name="headerLogId">The <c>X-Tt-Logid</c> header's log id, for the caller's own errors about the answer.</param>
    public static void Check<TExtras>(string endpointId, in ReceivedAnswer answer, SecretScrubber scrubber, TimeProvider time, ref TExtras extras, out string? headerLogId)
        where TExtras : struct, IEnvelopeExtras
    {
        var status = answer.Status;
        var logId = headerLogId = AnswerHeaders.LogId(answer.Response, scrubber);
        // The token cache waits out a token 429 itself, its own way: an oversized one is not read for a wait.
        ThrowIfTooLarge(endpointId, answer, logId, time, withRetryAfter: false);

        FeishuEnvelope envelope;
        try
        {
            envelope = FeishuEnvelope.Parse(endpointId, answer.Body, status, logId, scrubber, withholdBody: true, ref extras);
        }
        catch (FeishuProtocolException ex) when (status == HttpStatusCode.TooManyRequests)
        {
            ex.RetryAfter = AnswerHeaders.RateLimitReset(answer.Response, time);
            throw;
        }

        logId ??= ServerText.LogId(envelope.ErrorLogId, scrubber);
        if (envelope.Code != 0)
        {
            throw ApiError(endpointId, envelope, answer, logId, scrubber, time, requiredScopes: null);
        }
    }

    /// <summary>Whether an answer says "too many requests": HTTP 429 or code 99991400.</summary>
    public static bool IsRateLimit(int code, HttpStatusCode status) => code == FeishuErrorCodes.RateLimited || status == HttpStatusCode.TooManyRequests;

    /// <summary>A body over the size limit was not read to its end: say so, with the wait a 429 asked for when wanted.</summary>
    private static void ThrowIfTooLarge(string endpointId, in ReceivedAnswer answer, string? logId, TimeProvider time, bool withRetryAfter)
    {
        if (answer.Overflow is not { } overflow)
        {
            return;
        }

        throw new FeishuProtocolException(
            endpointId,
            string.Create(
                CultureInfo.InvariantCulture,
                $"the body is larger than FeishuClientOptions.MaxResponseSize ({answer.MaxSize} bytes, counted after decompression): {overflow}; reading stopped there"),
            answer.Status,
            logId,
            bodyExcerpt: null)
        {
            // An oversized 429 still asks to wait.
            RetryAfter = withRetryAfter && answer.Status == HttpStatusCode.TooManyRequests ? AnswerHeaders.RateLimitReset(answer.Response, time) : null,
        };
    }

    private static FeishuApiException ApiError(
        string endpointId, FeishuEnvelope envelope, in ReceivedAnswer answer, string? logId, SecretScrubber scrubber, TimeProvider time, IReadOnlyList<string>? requiredScopes)
        => new(
            endpointId,
            envelope.Code,
            scrubber.Scrub(envelope.Msg),
            answer.Status,
            logId,
            envelope.Troubleshooter is { } troubleshooter ? scrubber.Scrub(troubleshooter) : null,
            requiredScopes,
            IsRateLimit(envelope.Code, answer.Status) ? AnswerHeaders.RateLimitReset(answer.Response, time) : null);

    private static TResponse ReadData<TResponse>(string endpointId, ReadOnlySpan<byte> body, FeishuEnvelope envelope, HttpStatusCode status, string? logId, SecretScrubber scrubber)
        where TResponse : IFeishuResponse<TResponse>
    {
        if (envelope.DataIsNotObject)
        {
            throw FeishuProtocolException.UnreadableData(
                endpointId, "it is neither an object nor null", status, logId, ServerText.Excerpt(body, scrubber, withhold: false), innerException: null);
        }

        ReadOnlySpan<byte> data = envelope.HasData ? body.Slice(envelope.DataStart, envelope.DataLength) : "{}"u8;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            return TResponse.ReadData(ref reader);
        }
        catch (FeishuJsonMismatchException mismatch) when (JsonPaths.PathAt(data, mismatch.TokenStart) is { } path)
        {
            // A value of a type its member cannot take without loss: say where, what was expected and what came.
            throw FeishuProtocolException.UnreadableData(
                endpointId,
                $"at {path} the response type expects {mismatch.Expected} but the answer has {mismatch.Found}",
                status,
                logId,
                ServerText.ExcerptAround(data, (int)mismatch.TokenStart, scrubber),
                mismatch,
                path,
                mismatch.Expected,
                mismatch.Found);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // Utf8JsonReader reports a token of the wrong type as InvalidOperationException, a bad number as FormatException.
            throw FeishuProtocolException.UnreadableData(
                endpointId,
                "it does not have the shape this endpoint's response type expects",
                status,
                logId,
                ServerText.Excerpt(data, scrubber, withhold: false),
                ex);
        }
    }
}
