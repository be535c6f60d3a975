namespace FeishuApiGen.Diagnostics;

/// <summary>
/// Removes the app secret and issued tokens from server-supplied text (msg, log ids, body excerpts) before it enters a
/// log, a trace or an exception message, in case a server or proxy echoes a request back (<see cref="ServerText"/>).
/// </summary>
internal sealed class SecretScrubber
{
    // Very short values would match ordinary words; real secrets and tokens are far longer than this.
    private const int MinimumLength = 6;
    private const string Mask = "***";

    private readonly string? _appSecret;
    private readonly SecretScrubber? _parent;
    private volatile string? _latestToken;
    private volatile string? _previousToken;

    public SecretScrubber(string appSecret) => _appSecret = appSecret;

    private SecretScrubber(SecretScrubber parent, string extraSecret)
    {
        _parent = parent;
        _latestToken = extraSecret;
    }

    /// <summary>Remembers a newly issued token so it too is scrubbed.</summary>
    public void AddToken(string token)
    {
        _previousToken = _latestToken;
        _latestToken = token;
    }

    /// <summary>A scrubber that also removes <paramref name="extraSecret"/> (a caller's user_access_token), for one call.</summary>
    public SecretScrubber With(string? extraSecret) => string.IsNullOrEmpty(extraSecret) ? this : new SecretScrubber(this, extraSecret);

    /// <summary>The length of the longest secret this scrubber removes.</summary>
    public int LongestSecretLength => Math.Max(
        _parent?.LongestSecretLength ?? 0,
        Math.Max(_appSecret?.Length ?? 0, Math.Max(_latestToken?.Length ?? 0, _previousToken?.Length ?? 0)));

    /// <summary>Returns <paramref name="text"/> with every known secret replaced by <c>***</c>.</summary>
    public string Scrub(string text)
    {
        if (_parent is not null)
        {
            text = _parent.Scrub(text);
        }

        text = Remove(text, _appSecret);
        text = Remove(text, _latestToken);
        return Remove(text, _previousToken);

        static string Remove(string text, string? secret)
            => secret is { Length: >= MinimumLength } && text.Contains(secret, StringComparison.Ordinal)
                ? text.Replace(secret, Mask, StringComparison.Ordinal)
                : text;
    }
}
