using System.Text.Encodings.Web;
using System.Text.Json;
using FeishuApiGen.Transport;

namespace FeishuApiGen.Requests;

/// <summary>Turns a generated request into what goes on the wire: its absolute URL and its JSON body.</summary>
internal static class RequestWriter
{
    // Bodies go to an HTTP API, not into HTML: keep non-ASCII text (e.g. Chinese) as UTF-8 instead of \uXXXX escapes.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_bodyWriter;

    /// <summary>The request's URL under <paramref name="baseUri"/>; <paramref name="pageToken"/>, when set, replaces its page token.</summary>
    public static Uri Url<TRequest>(string baseUri, FeishuEndpoint endpoint, TRequest request, string? pageToken)
        where TRequest : IFeishuRequest
    {
        string pathAndQuery;
        var url = new FeishuUrlBuilder(256) { PageTokenOverride = pageToken };
        try
        {
            request.WriteUrl(ref url);
            pathAndQuery = url.ToString();
        }
        finally
        {
            url.Dispose();
        }

        if (!pathAndQuery.StartsWith('/'))
        {
            throw new InvalidOperationException($"The request for {endpoint.Id} wrote a URL that does not start with '/'.");
        }

        return new Uri(baseUri + pathAndQuery, UriKind.Absolute);
    }

    /// <summary>The request's JSON body (<c>{}</c> when it wrote nothing).</summary>
    public static byte[] Body<TRequest>(FeishuEndpoint endpoint, TRequest request)
        where TRequest : IFeishuRequest
    {
        using var buffer = new PooledBufferWriter();
        // One writer per thread, reset onto each call's buffer: a writer is a sizeable object to make per call.
        var writer = t_bodyWriter ??= new Utf8JsonWriter(buffer, s_writerOptions);
        writer.Reset(buffer);
        try
        {
            request.WriteBody(writer);
            if (writer.CurrentDepth != 0)
            {
                throw new InvalidOperationException($"The request for {endpoint.Id} wrote an incomplete JSON body.");
            }

            writer.Flush();
        }
        finally
        {
            // Detached from the buffer, which goes back to the pool.
            writer.Reset(Stream.Null);
        }

        // Copied out of the pooled buffer: the handler may still touch the content after SendAsync returns
        // (e.g. an early response while the body is being sent), and a returned array could be reused by then.
        return buffer.WrittenSpan.IsEmpty ? "{}"u8.ToArray() : buffer.WrittenSpan.ToArray();
    }
}
