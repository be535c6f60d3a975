using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using FeishuApiGen.Diagnostics;

namespace FeishuApiGen.Protocol;

/// <summary>
/// The head of a Feishu answer: <c>code</c>, <c>msg</c>, <c>error.{log_id, troubleshooter}</c> and where <c>data</c> lies.
/// An endpoint whose answer has members of its own beside these (the token endpoint's token and expiry) reads them
/// through an <see cref="IEnvelopeExtras"/>.
/// </summary>
internal readonly record struct FeishuEnvelope(int Code, string Msg, int DataStart, int DataLength, string? ErrorLogId, string? Troubleshooter)
{
    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Whether a <c>data</c> object was present (not absent, not null).</summary>
    public bool HasData => DataLength > 0;

    /// <summary>Whether <c>data</c> was present but neither an object nor null.</summary>
    public bool DataIsNotObject => DataStart < 0;

    /// <summary>Reads the envelope and the endpoint's own members beside it (<paramref name="extras"/>).</summary>
    /// <exception cref="FeishuProtocolException">The body is not a JSON object with an integer <c>code</c>.</exception>
    public static FeishuEnvelope Parse<TExtras>(
        string endpointId, ReadOnlySpan<byte> body, HttpStatusCode status, string? logId, SecretScrubber scrubber, bool withholdBody, ref TExtras extras)
        where TExtras : struct, IEnvelopeExtras
        => Parse<TExtras, NoData>(endpointId, body, status, logId, scrubber, withholdBody, ref extras, readData: false, out _);

    /// <summary>
    /// Reads the envelope and, when <c>code</c> is 0 and comes before <c>data</c> (as Feishu writes it), <c>data</c> too, in
    /// the same pass. <paramref name="data"/> is null when it was not read that way (a failure, <c>data</c> absent, null or
    /// first); the caller then reads it from <see cref="DataStart"/> as before, with the same errors.
    /// </summary>
    /// <exception cref="FeishuProtocolException">The body is not a JSON object with an integer <c>code</c>.</exception>
    public static FeishuEnvelope ParseWithData<TData>(
        string endpointId, ReadOnlySpan<byte> body, HttpStatusCode status, string? logId, SecretScrubber scrubber, out TData? data)
        where TData : IFeishuResponse<TData>
    {
        var none = default(NoEnvelopeExtras);
        return Parse(endpointId, body, status, logId, scrubber, withholdBody: false, ref none, readData: true, out data);
    }

    private static FeishuEnvelope Parse<TExtras, TData>(
        string endpointId, ReadOnlySpan<byte> body, HttpStatusCode status, string? logId, SecretScrubber scrubber, bool withholdBody,
        ref TExtras extras, bool readData, out TData? data)
        where TExtras : struct, IEnvelopeExtras
        where TData : IFeishuResponse<TData>
    {
        FeishuEnvelope? envelope;
        try
        {
            envelope = ParseCore(body, ref extras, readData, out data);
        }
        catch (InlineDataFailedException)
        {
            // The typed reader stumbled inside data: read the envelope alone, so the caller meets that failure (or the
            // envelope's own, which comes first) exactly as on the two-pass path.
            return Parse(endpointId, body, status, logId, scrubber, withholdBody, ref extras, readData: false, out data);
        }
        catch (DuplicateEnvelopeMemberException ex)
        {
            throw new FeishuProtocolException(
                endpointId, $"it has the member '{ex.Member}' twice, and which one counts would be a guess", status, logId, ServerText.Excerpt(body, scrubber, withholdBody));
        }
        catch (JsonException ex)
        {
            var reason = body.Trim(" \t\r\n"u8).IsEmpty ? "the body is empty" : "the body is not valid JSON";
            throw new FeishuProtocolException(endpointId, reason, status, logId, ServerText.Excerpt(body, scrubber, withholdBody), ex);
        }

        return envelope ?? throw new FeishuProtocolException(
            endpointId,
            body.TrimStart(" \t\r\n"u8).StartsWith("{"u8) ? "it has no integer 'code' member" : "the body is not a JSON object",
            status,
            logId,
            ServerText.Excerpt(body, scrubber, withholdBody));
    }

    private static FeishuEnvelope? ParseCore<TExtras, TData>(ReadOnlySpan<byte> body, ref TExtras extras, bool readData, out TData? data)
        where TExtras : struct, IEnvelopeExtras
        where TData : IFeishuResponse<TData>
    {
        data = default;
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
        string? logId = null, troubleshooter = null;
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
                    if (readData && code == 0)
                    {
                        data = ReadDataInline<TData>(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }

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
            else if (!extras.TryRead(ref reader))
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

        if (code is not { } value)
        {
            data = default;
            return null;
        }

        return new FeishuEnvelope(value, msg, dataStart, dataLength, logId, troubleshooter);
    }

    /// <summary>Reads <c>data</c> where it stands; any trouble sends the caller back to the two-pass path.</summary>
    private static TData ReadDataInline<TData>(ref Utf8JsonReader reader)
        where TData : IFeishuResponse<TData>
    {
        TData data;
        try
        {
            data = TData.ReadData(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new InlineDataFailedException();
        }

        // The typed reader must end on data's own closing brace, or the envelope's reading would go astray.
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 1)
        {
            throw new InlineDataFailedException();
        }

        return data;
    }

    private static Members Seen(Members seen, Members member, string name)
        => (seen & member) != 0 ? throw new DuplicateEnvelopeMemberException(name) : seen | member;

    /// <summary>A string member, or null when it is not a string. Invalid UTF-8 becomes U+FFFD instead of an exception.</summary>
    internal static string? ReadOptionalString(ref Utf8JsonReader reader)
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
        LogId = 16,
        Troubleshooter = 32,
    }

    private sealed class InlineDataFailedException : Exception;

    /// <summary>The type argument for "no data is read": never instantiated.</summary>
    private sealed class NoData : IFeishuResponse<NoData>
    {
        public static NoData ReadData(ref Utf8JsonReader reader) => throw new NotSupportedException();
    }
}

/// <summary>Members an endpoint's answer carries beside <c>code</c>, <c>msg</c>, <c>data</c> and <c>error</c>.</summary>
internal interface IEnvelopeExtras
{
    /// <summary>
    /// When the reader's current property name is one of these members, reads its value (leaving the reader on the value's
    /// last token) and returns true; otherwise returns false without moving the reader.
    /// </summary>
    /// <exception cref="DuplicateEnvelopeMemberException">The member was read before.</exception>
    bool TryRead(ref Utf8JsonReader reader);
}

/// <summary>An API endpoint's answer: nothing beside the envelope.</summary>
internal struct NoEnvelopeExtras : IEnvelopeExtras
{
    public readonly bool TryRead(ref Utf8JsonReader reader) => false;
}

/// <summary>An envelope member given twice: which one counts would be a guess, so the answer is refused.</summary>
internal sealed class DuplicateEnvelopeMemberException(string member) : Exception
{
    public string Member { get; } = member;
}
