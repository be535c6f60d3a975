namespace FeishuApiGen;

/// <summary>
/// Removes the app secret and issued tokens from server-supplied text (msg, body excerpts) before it enters an
/// exception message, in case a server or proxy echoes a request back.
/// </summary>
internal sealed class SecretScrubber(string appSecret)
{
    // Very short values would match ordinary words; real secrets and tokens are far longer than this.
    private const int MinimumLength = 6;
    private const string Mask = "***";

    private volatile string? _latestToken;
    private volatile string? _previousToken;

    /// <summary>Remembers a newly issued token so it too is scrubbed.</summary>
    public void AddToken(string token)
    {
        _previousToken = _latestToken;
        _latestToken = token;
    }

    /// <summary>Returns <paramref name="text"/> with every known secret replaced by <c>***</c>.</summary>
    public string Scrub(string text)
    {
        text = Remove(text, appSecret);
        text = Remove(text, _latestToken);
        return Remove(text, _previousToken);

        static string Remove(string text, string? secret)
            => secret is { Length: >= MinimumLength } && text.Contains(secret, StringComparison.Ordinal)
                ? text.Replace(secret, Mask, StringComparison.Ordinal)
                : text;
    }
}
