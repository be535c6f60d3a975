using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FeishuApiGen;

/// <summary>
/// Builds the path and query of a request URL (e.g. <c>/open-apis/x/y?user_id_type=open_id</c>) in a pooled buffer.
/// Generated <see cref="IFeishuRequest.WriteUrl"/> methods call it. Path parameters and query names and values are
/// percent-encoded with <see cref="Uri.EscapeDataString(string)"/> semantics (only RFC 3986 unreserved characters are
/// kept), so a value can never add a path segment, a query or a fragment. Call <see cref="Dispose"/> to return the buffer.
/// </summary>
public ref struct FeishuUrlBuilder
{
    private const int DefaultCapacity = 256;
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>128 random bits per key, as a GUID has.</summary>
    private const int IdempotencyKeyBytes = 16;

    /// <summary>Keys' worth of random bytes per refill: the OS random source costs about as much per call as per 64 keys.</summary>
    private const int IdempotencyKeysPerRefill = 64;

    [ThreadStatic]
    private static byte[]? t_keyBytes;

    [ThreadStatic]
    private static int t_keyOffset;

    private char[]? _buffer;
    private int _length;
    private bool _hasQuery;
    private string? _pageTokenOverride;

    /// <summary>Creates a builder whose first buffer holds at least <paramref name="initialCapacity"/> characters.</summary>
    /// <param name="initialCapacity">Expected length of the URL.</param>
    public FeishuUrlBuilder(int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _buffer = ArrayPool<char>.Shared.Rent(initialCapacity);
    }

    /// <summary>
    /// The page token <see cref="AppendPageToken"/> writes instead of the request's own value. Set by
    /// <see cref="FeishuConnection"/> while it walks pages, so the caller's request object is never changed.
    /// </summary>
    internal string? PageTokenOverride
    {
        readonly get => _pageTokenOverride;
        set => _pageTokenOverride = value;
    }

    /// <summary>The number of characters written so far.</summary>
    public readonly int Length => _length;

    /// <summary>Appends literal path text as is, e.g. <c>/open-apis/corehr/v2/probation/assessments</c>.</summary>
    /// <param name="literal">Path text from the spec; not encoded.</param>
    /// <exception cref="InvalidOperationException">A query parameter was already appended.</exception>
    public void AppendPath(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        ThrowIfInQuery();
        Append(literal);
    }

    /// <summary>
    /// Appends a path parameter, percent-encoded (including <c>/</c>, <c>?</c>, <c>#</c> and <c>%</c>).
    /// </summary>
    /// <param name="value">The parameter value.</param>
    /// <exception cref="ArgumentException">
    /// The value is null or empty (it would merge two segments), or is <c>.</c> or <c>..</c> (servers resolve those as dot segments,
    /// which would change the path; no encoding prevents that).
    /// </exception>
    /// <exception cref="InvalidOperationException">A query parameter was already appended.</exception>
    public void AppendPathParameter(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("A path parameter must not be null or empty.", nameof(value));
        }

        if (value is "." or "..")
        {
            throw new ArgumentException($"A path parameter must not be '{value}': servers treat it as a dot segment.", nameof(value));
        }

        ThrowIfInQuery();
        AppendEscaped(value);
    }

    /// <summary>Appends <c>name=value</c> to the query, encoded; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The value.</param>
    public void AppendQuery(string name, string? value)
    {
        if (value is not null)
        {
            StartParameter(name);
            AppendEscaped(value);
        }
    }

    /// <summary>
    /// Appends an idempotency key (a spec field with <c>idempotency_key: true</c>, e.g. <c>client_token</c>): the caller's value,
    /// or a fresh random one when it is null or empty. <see cref="FeishuConnection"/> builds the URL once per call, so a
    /// retry of that call (after a token refresh) sends the same key.
    /// </summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The caller's key, if any.</param>
    public void AppendIdempotencyKey(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            StartParameter(name);
            Span<char> key = stackalloc char[2 * IdempotencyKeyBytes];
            Convert.TryToHexStringLower(NextIdempotencyKeyBytes(), key, out var written);
            Append(key[..written]);
        }
        else
        {
            AppendQuery(name, value);
        }
    }

    /// <summary>The next 16 bytes from the cryptographic random source, drawn in batches per thread; each is handed out once.</summary>
    private static ReadOnlySpan<byte> NextIdempotencyKeyBytes()
    {
        var bytes = t_keyBytes ??= new byte[IdempotencyKeyBytes * IdempotencyKeysPerRefill];
        if (t_keyOffset == 0)
        {
            RandomNumberGenerator.Fill(bytes);
        }

        var key = bytes.AsSpan(t_keyOffset, IdempotencyKeyBytes);
        t_keyOffset = (t_keyOffset + IdempotencyKeyBytes) % bytes.Length;
        return key;
    }

    /// <summary>
    /// Appends the page token of a paginated endpoint (a query field named <c>page_token</c>): the token of the page being
    /// fetched while <see cref="FeishuConnection"/> walks pages, otherwise the caller's value; nothing when both are null.
    /// </summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The caller's page token, if any.</param>
    public void AppendPageToken(string name, string? value) => AppendQuery(name, _pageTokenOverride ?? value);

    /// <summary>Appends <c>name=true</c> or <c>name=false</c>; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The value.</param>
    public void AppendQuery(string name, bool? value)
    {
        if (value is { } v)
        {
            StartParameter(name);
            Append(v ? "true" : "false");
        }
    }

    /// <summary>Appends <c>name=value</c> in invariant culture; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The value.</param>
    public void AppendQuery(string name, int? value) => AppendQuery(name, (long?)value);

    /// <summary>Appends <c>name=value</c> in invariant culture; nothing when <paramref name="value"/> is null.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The value.</param>
    public void AppendQuery(string name, long? value)
    {
        if (value is { } v)
        {
            StartParameter(name);
            Span<char> digits = stackalloc char[20];
            v.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            AppendEscaped(digits[..written]);
        }
    }

    /// <summary>
    /// Appends <c>name=value</c> with the shortest round-trip invariant form (<c>"R"</c>); nothing when <paramref name="value"/> is null.
    /// The <c>+</c> of an exponent is encoded, so form decoders do not read it as a space.
    /// </summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="value">The value.</param>
    public void AppendQuery(string name, double? value)
    {
        if (value is { } v)
        {
            StartParameter(name);
            Span<char> digits = stackalloc char[32];
            v.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture);
            AppendEscaped(digits[..written]);
        }
    }

    /// <summary>Appends one <c>name=value</c> per non-null item (<c>ids=1&amp;ids=2</c>), as the official SDKs send arrays.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="values">The values; nothing is appended when null.</param>
    public void AppendQuery(string name, IEnumerable<string>? values)
    {
        if (values is not null)
        {
            foreach (var value in values)
            {
                AppendQuery(name, value);
            }
        }
    }

    /// <summary>Appends one <c>name=value</c> per item.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="values">The values; nothing is appended when null.</param>
    public void AppendQuery(string name, IEnumerable<int>? values)
    {
        if (values is not null)
        {
            foreach (var value in values)
            {
                AppendQuery(name, (long?)value);
            }
        }
    }

    /// <summary>Appends one <c>name=value</c> per item.</summary>
    /// <param name="name">The parameter's wire name.</param>
    /// <param name="values">The values; nothing is appended when null.</param>
    public void AppendQuery(string name, IEnumerable<long>? values)
    {
        if (values is not null)
        {
            foreach (var value in values)
            {
                AppendQuery(name, (long?)value);
            }
        }
    }

    /// <summary>The path and query built so far.</summary>
    public override readonly string ToString() => _buffer is null ? "" : new string(_buffer, 0, _length);

    /// <summary>Returns the buffer to the pool. The builder is empty afterwards.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<char>.Shared.Return(_buffer);
        }

        _buffer = null;
        _length = 0;
        _hasQuery = false;
    }

    private readonly void ThrowIfInQuery()
    {
        if (_hasQuery)
        {
            throw new InvalidOperationException("Path text cannot follow a query parameter.");
        }
    }

    private void StartParameter(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Append(_hasQuery ? '&' : '?');
        _hasQuery = true;
        AppendEscaped(name);
        Append('=');
    }

    private void AppendEscaped(scoped ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                Append(c);
                i++;
                continue;
            }

            // A lone surrogate decodes as U+FFFD, as Uri.EscapeDataString does.
            Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            var byteCount = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < byteCount; b++)
            {
                Append('%');
                Append(HexDigits[utf8[b] >> 4]);
                Append(HexDigits[utf8[b] & 0xF]);
            }

            i += consumed;
        }
    }

    private void Append(char c)
    {
        if (_buffer is null || _length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer![_length++] = c;
    }

    private void Append(scoped ReadOnlySpan<char> text)
    {
        if (_buffer is null || _buffer.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    private void Grow(int additional)
    {
        var capacity = Math.Max(Math.Max(DefaultCapacity, _length + additional), (_buffer?.Length ?? 0) * 2);
        var next = ArrayPool<char>.Shared.Rent(capacity);
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(next);
            ArrayPool<char>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
