using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// The head of a Feishu answer: <c>code</c>, <c>msg</c>, <c>error.{log_id, troubleshooter}</c> and where <c>data</c> lies.
/// The token endpoint puts <c>tenant_access_token</c> and <c>expire</c> beside <c>code</c>, so those are read here too.
/// </summary>
internal readonly record struct FeishuEnvelope(
    int Code,
    string Msg,
    int DataStart,
    int DataLength,
    string? ErrorLogId,
    string? Troubleshooter,
    string? TenantAccessToken,
    long? Expire)
{
    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Whether a <c>data</c> object was present (not absent, not null).</summary>
    public bool HasData => DataLength > 0;

    /// <summary>Whether <c>data</c> was present but neither an object nor null.</summary>
    public bool DataIsNotObject => DataStart < 0;

    /// <summary>
    /// Reads the envelope in one pass, members in any order; <c>data</c> is skipped and only its byte range kept,
    /// so the typed reader later sees just that slice.
    /// </summary>
    /// <exception cref="FeishuProtocolException">The body is not a JSON object with an integer <c>code</c>.</exception>
    public static FeishuEnvelope Parse(string endpointId, ReadOnlySpan<byte> body, HttpStatusCode status, string? logId, SecretScrubber scrubber, bool withholdBody)
    {
        FeishuEnvelope? envelope;
        try
        {
            envelope = ParseCore(body);
        }
        catch (DuplicateMemberException ex)
        {
            throw new FeishuProtocolException(
                endpointId, $"it has the member '{ex.Member}' twice, and which one counts would be a guess", status, logId, Excerpt(body, scrubber, withholdBody));
        }
        catch (JsonException ex)
        {
            var reason = body.Trim(" \t\r\n"u8).IsEmpty ? "the body is empty" : "the body is not valid JSON";
            throw new FeishuProtocolException(endpointId, reason, status, logId, Excerpt(body, scrubber, withholdBody), ex);
        }

        return envelope ?? throw new FeishuProtocolException(
            endpointId,
            body.TrimStart(" \t\r\n"u8).StartsWith("{"u8) ? "it has no integer 'code' member" : "the body is not a JSON object",
            status,
            logId,
            Excerpt(body, scrubber, withholdBody));
    }

    /// <summary>
    /// The start of a body for a message: at most 200 characters, whitespace runs collapsed, secrets scrubbed (before it is
    /// cut). Null when <paramref name="withhold"/> is set and the body mentions a token (the token endpoint's answers).
    /// </summary>
    public static string? Excerpt(ReadOnlySpan<byte> body, SecretScrubber scrubber, bool withhold)
    {
        var longestSecret = scrubber.LongestSecretLength;
        var window = (ServerText.ExcerptLength + longestSecret + 1) * 4;
        var text = scrubber.Scrub(Encoding.UTF8.GetString(body[..Math.Min(body.Length, window)]));
        if (withhold && text.Contains("token", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A secret that the window cut in two was not scrubbed: drop the tail it could be in.
        if (body.Length > window)
        {
            text = text[..Math.Max(0, text.Length - longestSecret)];
        }

        return ServerText.Clean(text, scrubber, ServerText.ExcerptLength);
    }

    /// <summary>The log id: the <c>X-Tt-Logid</c> header if present, made safe for logs and messages (<see cref="ServerText.LogId"/>).</summary>
    public static string? HeaderLogId(HttpResponseMessage response, SecretScrubber scrubber)
        // Non-validated: the raw value, without parsing or allocating an enumerable per call.
        => response.Headers.NonValidated.TryGetValues("X-Tt-Logid", out var values) && values.Count > 0
            ? ServerText.LogId(values.ToString(), scrubber)
            : null;

    /// <summary>
    /// How long the server asked to wait: Feishu's <c>x-ogw-ratelimit-reset</c> header (seconds until the window resets),
    /// else the standard <c>Retry-After</c> (seconds or a date); null when neither is present and valid.
    /// </summary>
    public static TimeSpan? RateLimitReset(HttpResponseMessage response, TimeProvider? time = null)
    {
        if (response.Headers.TryGetValues("x-ogw-ratelimit-reset", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } when delta >= TimeSpan.Zero => delta,
            { Date: { } date } => date - (time ?? TimeProvider.System).GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }

    private static FeishuEnvelope? ParseCore(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, s_readerOptions);
        if (!reader.Read())
        {
            throw new JsonException("The body is empty.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Read it through, so that text merely starting like JSON ("404 page not found") counts as not JSON.
            reader.Skip();
            reader.Read();
            return null;
        }

        int? code = null;
        string msg = "";
        int dataStart = 0, dataLength = 0;
        string? logId = null, troubleshooter = null, token = null;
        long? expire = null;
        var seen = Members.None;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                seen = Seen(seen, Members.Code, "code");
                reader.Read();
                code = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : null;
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                seen = Seen(seen, Members.Msg, "msg");
                reader.Read();
                msg = ReadOptionalString(ref reader) ?? "";
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                seen = Seen(seen, Members.Data, "data");
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    dataStart = checked((int)reader.TokenStartIndex);
                    reader.Skip();
                    dataLength = checked((int)reader.BytesConsumed) - dataStart;
                }
                else if (reader.TokenType == JsonTokenType.Null)
                {
                    dataStart = dataLength = 0;
                }
                else
                {
                    // Kept as "absent"; a non-object data cannot be read by a generated type. Flagged only on success.
                    reader.Skip();
                    dataStart = -1;
                    dataLength = 0;
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                seen = Seen(seen, Members.Error, "error");
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("log_id"u8))
                        {
                            seen = Seen(seen, Members.LogId, "error.log_id");
                            reader.Read();
                            logId = ReadOptionalString(ref reader);
                        }
                        else if (reader.ValueTextEquals("troubleshooter"u8))
                        {
                            seen = Seen(seen, Members.Troubleshooter, "error.troubleshooter");
                            reader.Read();
                            troubleshooter = ReadOptionalString(ref reader);
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("tenant_access_token"u8))
            {
                seen = Seen(seen, Members.Token, "tenant_access_token");
                reader.Read();
                token = ReadOptionalString(ref reader);
            }
            else if (reader.ValueTextEquals("expire"u8))
            {
                seen = Seen(seen, Members.Expire, "expire");
                reader.Read();
                // Whole seconds; a number in another form (2.5e11) still counts, as far as a long holds it.
                expire = reader.TokenType != JsonTokenType.Number ? null
                    : reader.TryGetInt64(out var e) ? e
                    : reader.TryGetDouble(out var d) && d >= 1 ? (long)Math.Min(d, long.MaxValue)
                    : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the root object (with isFinalBlock) makes Read throw: "{...}<html>" is not an envelope.
        if (reader.Read())
        {
            throw new JsonException("Unexpected content after the JSON object.");
        }

        return code is { } value
            ? new FeishuEnvelope(value, msg, dataStart, dataLength, logId, troubleshooter, token, expire)
            : null;
    }

    private static Members Seen(Members seen, Members member, string name)
        => (seen & member) != 0 ? throw new DuplicateMemberException(name) : seen | member;

    /// <summary>A string member, or null when it is not a string. Invalid UTF-8 becomes U+FFFD instead of an exception.</summary>
    private static string? ReadOptionalString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader refuses to transcode invalid UTF-8; the text is for people, so decode it lossily (escapes stay as written).
            return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    /// <summary>The envelope members read, to refuse one given twice.</summary>
    [Flags]
    private enum Members
    {
        None = 0,
        Code = 1,
        Msg = 2,
        Data = 4,
        Error = 8,
        Token = 16,
        Expire = 32,
        LogId = 64,
        Troubleshooter = 128,
    }

    private sealed class DuplicateMemberException(string member) : Exception
    {
        public string Member { get; } = member;
    }
}
