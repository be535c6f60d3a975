using System.Net;

namespace FeishuApiGen;

/// <summary>
/// Builds what a call returns, for unit tests of code that calls a mocked client (Azure's model-factory pattern). Each
/// project version's generated <c>{Project}{Version}ModelFactory</c> builds its responses with these.
/// </summary>
public static class FeishuModelFactory
{
    /// <summary>An HTTP answer as a response's <c>GetRawAnswer()</c> gives it.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="logId">The log id (<c>X-Tt-Logid</c>), also sent as a header.</param>
    /// <param name="headers">Other headers, e.g. <c>x-ogw-ratelimit-limit</c> and <c>x-ogw-ratelimit-reset</c>.</param>
    public static FeishuRawAnswer RawAnswer(HttpStatusCode status = HttpStatusCode.OK, string? logId = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        // A message without content holds nothing to dispose; only its header collection is kept.
        var message = new HttpResponseMessage(status);
        if (logId is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Tt-Logid", logId);
        }

        foreach (var (name, value) in headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return new FeishuRawAnswer(status, message.Headers, logId);
    }

    /// <summary>Gives <paramref name="response"/> the HTTP answer its <c>GetRawAnswer()</c> returns, and returns it.</summary>
    /// <typeparam name="TResponse">A generated response type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="rawAnswer">The answer it came in.</param>
    public static TResponse WithRawAnswer<TResponse>(TResponse response, FeishuRawAnswer rawAnswer) where TResponse : IFeishuResponse<TResponse>
    {
        ArgumentNullException.ThrowIfNull(response);
        response.KeepRawAnswer(rawAnswer);
        return response;
    }
}
