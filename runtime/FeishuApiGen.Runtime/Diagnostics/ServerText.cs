using System.Text;

namespace FeishuApiGen.Diagnostics;

/// <summary>
/// Makes text a server supplied (a log id, <c>msg</c>, <c>troubleshooter</c>, a body excerpt) safe to put in a log, a
/// trace tag or status, or an exception message: secrets scrubbed first, then control characters folded to spaces, then
/// cut to a length. Scrubbing before cutting matters: a secret straddling the cut would otherwise leave its prefix.
/// </summary>
internal static class ServerText
{
    /// <summary>The longest log id kept; Feishu's are about 40 characters.</summary>
    public const int LogIdLength = 128;

    /// <summary>The longest <c>msg</c> or <c>troubleshooter</c> an exception message quotes.</summary>
    public const int MessagePartLength = 1000;

    /// <summary>The longest body excerpt.</summary>
    public const int ExcerptLength = 200;

    /// <summary>A log id fit for logs and tags, or null when there is none.</summary>
    public static string? LogId(string? raw, SecretScrubber scrubber)
        => string.IsNullOrEmpty(raw) ? null : Clean(raw, scrubber, LogIdLength);

    /// <summary>
    /// The start of a body for a message: at most <see cref="ExcerptLength"/> characters, whitespace runs collapsed, secrets
    /// scrubbed (before it is cut). Null when <paramref name="withhold"/> is set and the body mentions a token (the token
    /// endpoint's answers).
    /// </summary>
    public static string? Excerpt(ReadOnlySpan<byte> body, SecretScrubber scrubber, bool withhold)
    {
        var longestSecret = scrubber.LongestSecretLength;
        var window = (ExcerptLength + longestSecret + 1) * 4;
        var text = scrubber.Scrub(Encoding.UTF8.GetString(body[..Math.Min(body.Length, window)]));
        if (withhold && text.Contains("token", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A secret that the window cut in two was not scrubbed: drop the tail it could be in.
        if (body.Length > window)
        {
            text = text[..Math.Max(0, text.Length - longestSecret)];
        }

        return Clean(text, scrubber, ExcerptLength);
    }

    /// <summary>
    /// The part of a body around <paramref name="offset"/> for a message: from a little before it, scrubbed and cut as
    /// <see cref="Excerpt"/> is. A secret the window's start cuts into is dropped with the characters before the part.
    /// </summary>
    public static string? ExcerptAround(ReadOnlySpan<byte> body, int offset, SecretScrubber scrubber)
    {
        const int Before = 40;
        var longestSecret = scrubber.LongestSecretLength;
        var start = Math.Clamp(offset - Before - longestSecret, 0, body.Length);
        // On a character's first byte, so the text does not open with a replacement character.
        while (start > 0 && (body[start] & 0xC0) == 0x80)
        {
            start--;
        }

        if (start == 0)
        {
            return Excerpt(body, scrubber, withhold: false);
        }

        // Scrubbed with a cut secret's possible tail still on (the first longestSecret bytes), then that tail dropped, by
        // its characters and before whitespace is folded: no part of a secret survives, and no more than it is lost.
        var end = Math.Min(body.Length, start + ((ExcerptLength + (2 * longestSecret) + Before + 1) * 4));
        var text = scrubber.Scrub(Encoding.UTF8.GetString(body[start..end]));
        var tail = Encoding.UTF8.GetCharCount(body.Slice(start, Math.Min(longestSecret, end - start)));
        text = text.Length > tail ? text[tail..] : string.Empty;
        if (end < body.Length)
        {
            // A secret the window's end cut in two was not scrubbed either: drop the tail it could be in.
            text = text[..Math.Max(0, text.Length - longestSecret)];
        }

        return "…" + Clean(text, scrubber, ExcerptLength - 1);
    }

    /// <summary>
    /// <paramref name="text"/> with secrets scrubbed, whitespace and control characters folded into single spaces,
    /// and cut to <paramref name="maxLength"/> characters (the last one an ellipsis when cut).
    /// </summary>
    public static string Clean(ReadOnlySpan<char> text, SecretScrubber scrubber, int maxLength)
    {
        // Folded far enough past the cut that a secret starting before it is whole when scrubbed.
        var folded = Fold(text, maxLength + scrubber.LongestSecretLength + 1);
        var scrubbed = scrubber.Scrub(folded);
        return scrubbed.Length <= maxLength ? scrubbed : string.Concat(scrubbed.AsSpan(0, maxLength - 1), "…");
    }

    /// <summary>
    /// <paramref name="text"/> (already scrubbed) with whitespace and control characters folded into single spaces, cut to
    /// <paramref name="maxLength"/> characters (the last one an ellipsis when cut).
    /// </summary>
    public static string Fold(string text, int maxLength)
    {
        var folded = Fold(text.AsSpan(), maxLength + 1);
        return folded.Length <= maxLength ? folded : string.Concat(folded.AsSpan(0, maxLength - 1), "…");
    }

    private static string Fold(ReadOnlySpan<char> text, int maxLength)
    {
        var folded = new StringBuilder(Math.Min(text.Length, maxLength));
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (folded.Length >= maxLength)
            {
                break;
            }

            var space = char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029';
            if (space && (lastWasSpace || folded.Length == 0))
            {
                continue;
            }

            folded.Append(space ? ' ' : c);
            lastWasSpace = space;
        }

        return folded.ToString().TrimEnd();
    }
}
