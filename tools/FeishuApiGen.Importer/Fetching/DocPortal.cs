using System.Text;
using System.Text.Json;

namespace FeishuApiGen.Importer.Fetching;

/// <summary>
/// Fetches a doc page by its URL the way Feishu's doc site does: <c>GET {portal}/document_portal/v1/document/get_detail
/// ?fullPath=…</c> answers <c>{code, msg, data: {content, updateTime}}</c>, the content being the page's source. The
/// portal is the URL's own host unless one is given (a mirror, or a loopback stand-in in tests).
/// </summary>
internal static class DocPortal
{
    /// <summary>A page is a few hundred KB at most; an answer past this is refused, not read into memory.</summary>
    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    public static bool IsUrl(string source) =>
        source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page's source with front matter (title, fullPath, updateTime) the readers take.</summary>
    /// <exception cref="DocPortalException">The URL names no doc page, or the portal did not answer with one.</exception>
    public static async Task<string> FetchAsync(string url, Uri? portal, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var page) || !page.AbsolutePath.StartsWith("/document/", StringComparison.Ordinal))
        {
            throw new DocPortalException($"{url} is not a doc page address (https://open.feishu.cn/document/…)");
        }

        var fullPath = Uri.UnescapeDataString(page.AbsolutePath["/document".Length..]).TrimEnd('/');
        var baseAddress = portal ?? new Uri(page.GetLeftPart(UriPartial.Authority));
        var request = new Uri(baseAddress, "/document_portal/v1/document/get_detail?fullPath=" + Uri.EscapeDataString(fullPath).Replace("%2F", "/", StringComparison.Ordinal));

        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        using var answer = await SendAsync(client, request, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccessStatusCode)
        {
            throw new DocPortalException($"the doc portal answered HTTP {(int)answer.StatusCode} for {fullPath}");
        }

        if (answer.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw new DocPortalException($"the doc portal's answer for {fullPath} is larger than {MaxAnswerBytes / 1024 / 1024} MB");
        }

        var body = await ReadBoundedAsync(answer.Content, cancellationToken).ConfigureAwait(false);
        string content;
        string? updateTime;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var code = root.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.Number ? codeElement.GetInt64() : -1;
            if (code != 0)
            {
                var msg = root.TryGetProperty("msg", out var msgElement) ? msgElement.ToString() : "";
                throw new DocPortalException($"the doc portal answered code {code} ({msg}) for {fullPath}");
            }

            var data = root.GetProperty("data");
            content = data.TryGetProperty("content", out var contentElement) ? contentElement.GetString() ?? "" : "";
            updateTime = data.TryGetProperty("updateTime", out var updated) ? updated.ToString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new DocPortalException($"the doc portal's answer for {fullPath} is not the JSON it sends for a page ({ex.Message})");
        }

        if (content.Length == 0)
        {
            throw new DocPortalException($"the doc portal has no content for {fullPath}");
        }

        if (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("<!--", StringComparison.Ordinal))
        {
            return content;
        }

        // The portal's content starts at the title heading; the readers take the page's address and time from front matter.
        var title = content.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? "";
        return $"---\ntitle: \"{title.Replace("\"", "\\\"", StringComparison.Ordinal)}\"\nfullPath: \"{fullPath}\"\nupdateTime: \"{updateTime}\"\n---\n\n{content}";
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DocPortalException($"the doc portal at {request.GetLeftPart(UriPartial.Authority)} could not be reached ({ex.Message})");
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                throw new DocPortalException($"the doc portal's answer is larger than {MaxAnswerBytes / 1024 / 1024} MB");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>A doc page could not be fetched; the message says why, for the command line.</summary>
internal sealed class DocPortalException(string message) : Exception(message);
