using System.Text.Json;
using FeishuApiGen.Diagnostics;
using FeishuApiGen.Protocol;
using FeishuApiGen.Transport;

namespace FeishuApiGen.Authentication;

/// <summary>
/// The internal (self-built) app's token source: <c>POST /open-apis/auth/v3/tenant_access_token/internal</c> with the
/// app id and secret, answered by <c>{code, msg, tenant_access_token, expire}</c>.
/// </summary>
internal sealed class TenantTokenEndpoint : ITenantTokenSource
{
    /// <summary>The endpoint id reported in token errors.</summary>
    public const string Id = "auth.v3.tenant_access_token.internal";

    /// <summary>The token endpoint's path.</summary>
    public const string Path = "/open-apis/auth/v3/tenant_access_token/internal";

    /// <summary>The longest lifetime believed: Feishu issues tokens for 2 hours, and a larger <c>expire</c> is a broken answer.</summary>
    private static readonly TimeSpan s_longestLifetime = TimeSpan.FromHours(2);

    private readonly FeishuTransport _transport;
    private readonly Uri _uri;
    private readonly string _appId;
    private readonly string _appSecret;
    private readonly SecretScrubber _scrubber;
    private readonly TimeProvider _time;

    public TenantTokenEndpoint(FeishuTransport transport, string baseUri, string appId, string appSecret, SecretScrubber scrubber, TimeProvider time)
    {
        _uri = new Uri(baseUri + Path, UriKind.Absolute);
        // Checked here as well as in the options: this is the one request that carries the app secret.
        if (!FeishuClientOptions.IsSecureTransport(_uri))
        {
            throw new ArgumentException("The token endpoint must be https (or http to a loopback host): the app secret is sent to it.", nameof(baseUri));
        }

        _transport = transport;
        _appId = appId;
        _appSecret = appSecret;
        _scrubber = scrubber;
        _time = time;
    }

    public async ValueTask<IssuedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var progress = new SendProgress();
        var message = _transport.CreateMessage(HttpMethod.Post, _uri, authorization: null, CreateBody(), progress);
        using var answer = await _transport.ExchangeAsync(message, progress, cancellationToken).ConfigureAwait(false);
        return Read(answer);
    }

    private IssuedToken Read(in ReceivedAnswer answer)
    {
        var members = default(TokenMembers);
        FeishuAnswer.Check(Id, answer, _scrubber, _time, ref members, out var logId);
        if (string.IsNullOrEmpty(members.Token) || members.Expire is not > 0)
        {
            throw new FeishuProtocolException(
                Id, "code is 0 but tenant_access_token or a positive expire is missing", answer.Status, logId, bodyExcerpt: null);
        }

        var lifetime = members.Expire.Value >= s_longestLifetime.TotalSeconds ? s_longestLifetime : TimeSpan.FromSeconds(members.Expire.Value);
        return new IssuedToken(members.Token, lifetime);
    }

    private byte[] CreateBody()
    {
        using var buffer = new PooledBufferWriter(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("app_id"u8, _appId);
            json.WriteString("app_secret"u8, _appSecret);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The token answer's members beside <c>code</c> and <c>msg</c>.</summary>
    private struct TokenMembers : IEnvelopeExtras
    {
        public string? Token;
        public long? Expire;
        private bool _tokenSeen;
        private bool _expireSeen;

        public bool TryRead(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("tenant_access_token"u8))
            {
                _tokenSeen = _tokenSeen ? throw new DuplicateEnvelopeMemberException("tenant_access_token") : true;
                reader.Read();
                Token = FeishuEnvelope.ReadOptionalString(ref reader);
                return true;
            }

            if (reader.ValueTextEquals("expire"u8))
            {
                _expireSeen = _expireSeen ? throw new DuplicateEnvelopeMemberException("expire") : true;
                reader.Read();
                // Whole seconds; a number in another form (2.5e11) still counts, as far as a long holds it.
                Expire = reader.TokenType != JsonTokenType.Number ? null
                    : reader.TryGetInt64(out var e) ? e
                    : reader.TryGetDouble(out var d) && d >= 1 ? (long)Math.Min(d, long.MaxValue)
                    : null;
                return true;
            }

            return false;
        }
    }
}
