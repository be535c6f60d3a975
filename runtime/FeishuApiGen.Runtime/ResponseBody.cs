using System.Globalization;

namespace FeishuApiGen;

/// <summary>
/// Reads an answer's body into a pooled buffer, never more than <see cref="FeishuClientOptions.MaxResponseSize"/> bytes
/// counted after decompression: a body that says or turns out to be larger ends the read at once with a
/// <see cref="FeishuProtocolException"/>, so no answer (a gzip bomb, an endless chunked body) can exhaust memory.
/// </summary>
internal static class ResponseBody
{
    // Content-Length sizes the buffer at once up to this much; past it the buffer grows only as bytes really arrive.
    private const int MaxPresized = 1 << 20;
    private const int ReadSize = 16 * 1024;

    public static async ValueTask<PooledBufferWriter> ReadAsync(
        HttpResponseMessage response, int maxSize, string endpointId, string? logId, CancellationToken cancellationToken)
    {
        var content = response.Content;
        var length = content.Headers.ContentLength;
        if (length > maxSize)
        {
            throw TooLarge(response, maxSize, endpointId, logId, $"its Content-Length is {length.Value.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        // +1 so the end is seen without growing.
        var body = new PooledBufferWriter(length is > 0 and < MaxPresized ? (int)length + 1 : 4096, maxCapacity: maxSize);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var room = maxSize - body.WrittenCount;
                if (room == 0)
                {
                    // Exactly at the limit: one byte more says the body is over it, without growing the buffer for it.
                    if (await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0)
                    {
                        return body;
                    }

                    throw TooLarge(response, maxSize, endpointId, logId, "more arrived");
                }

                var memory = body.GetMemory(Math.Min(ReadSize, room));
                var read = await stream.ReadAsync(memory[..Math.Min(memory.Length, room)], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return body;
                }

                body.Advance(read);
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static FeishuProtocolException TooLarge(HttpResponseMessage response, int maxSize, string endpointId, string? logId, string detail)
        => new(
            endpointId,
            string.Create(
                CultureInfo.InvariantCulture,
                $"the body is larger than FeishuClientOptions.MaxResponseSize ({maxSize} bytes, counted after decompression): {detail}; reading stopped there"),
            response.StatusCode,
            logId,
            bodyExcerpt: null);
}
