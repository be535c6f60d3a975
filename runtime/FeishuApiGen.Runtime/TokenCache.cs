using System.Net.Http.Headers;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Fetches and caches the app's tenant_access_token. Concurrent callers that find no usable token wait on one
/// fetch (single flight); a token is replaced once less than the refresh margin of its lifetime remains.
/// </summary>
internal sealed class TokenCache
{
    /// <summary>The endpoint id reported in token errors.</summary>
    public const string EndpointId = "auth.v3.tenant_access_token.internal";

    /// <summary>The token endpoint's path.</summary>
    public const string Path = "/open-apis/auth/v3/tenant_access_token/internal";

    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly string _appId;
    private readonly string _appSecret;
    private readonly string _userAgent;
    private readonly TimeProvider _time;
    private readonly TimeSpan _margin;
    private readonly SecretScrubber _scrubber;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _current;

    public TokenCache(HttpClient http, string baseUri, string appId, string appSecret, string userAgent, TimeProvider time, TimeSpan margin, SecretScrubber scrubber)
    {
        _http = http;
        _uri = new Uri(baseUri + Path, UriKind.Absolute);
        _appId = appId;
        _appSecret = appSecret;
        _userAgent = userAgent;
        _time = time;
        _margin = margin;
        _scrubber = scrubber;
    }

    /// <summary>Returns a token with more than the refresh margin left, fetching one if needed.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Usable(_current) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched while this one waited.
            if (Usable(_current) is { } fresh)
            {
                return fresh;
            }

            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _current = fetched;
            return fetched.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the cached one (Feishu said it is invalid).</summary>
    public void Invalidate(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private string? Usable(CachedToken? token) => token is not null && _time.GetUtcNow() < token.RefreshAt ? token.Value : null;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        // Measured from before the request, so the cached lifetime errs short.
        var requestedAt = _time.GetUtcNow();

        using var message = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = CreateBody() };
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var logId = FeishuEnvelope.HeaderLogId(response);
        var envelope = FeishuEnvelope.Parse(EndpointId, body, response.StatusCode, logId, _scrubber, withholdBody: true);

        if (envelope.Code != 0)
        {
            throw new FeishuApiException(
                EndpointId,
                envelope.Code,
                _scrubber.Scrub(envelope.Msg),
                response.StatusCode,
                logId ?? envelope.ErrorLogId,
                envelope.Troubleshooter is { } t ? _scrubber.Scrub(t) : null,
                requiredScopes: null,
                retryAfter: envelope.Code == FeishuErrorCodes.RateLimited ? FeishuEnvelope.RateLimitReset(response) : null);
        }

        if (string.IsNullOrEmpty(envelope.TenantAccessToken) || envelope.Expire is not > 0)
        {
            throw new FeishuProtocolException(
                EndpointId, "code is 0 but tenant_access_token or a positive expire is missing", response.StatusCode, logId, bodyExcerpt: null);
        }

        _scrubber.AddToken(envelope.TenantAccessToken);
        var lifetime = TimeSpan.FromSeconds(envelope.Expire.Value);
        // A lifetime shorter than the margin would make every call refetch; use half of it instead.
        var usable = lifetime > _margin ? lifetime - _margin : lifetime / 2;
        return new CachedToken(envelope.TenantAccessToken, requestedAt + usable);
    }

    private ReadOnlyMemoryContent CreateBody()
    {
        using var buffer = new PooledBufferWriter(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("app_id"u8, _appId);
            json.WriteString("app_secret"u8, _appSecret);
            json.WriteEndObject();
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(FeishuConnection.JsonContentType);
        return content;
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt)
    {
        // The token is a credential: keep it out of any accidental ToString.
        public override string ToString() => $"CachedToken {{ RefreshAt = {RefreshAt:O} }}";
    }
}
