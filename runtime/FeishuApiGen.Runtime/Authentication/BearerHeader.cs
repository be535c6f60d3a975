using System.Net.Http.Headers;

namespace FeishuApiGen.Authentication;

/// <summary>The <c>Authorization: Bearer</c> header for a token, reused while the token stays the same.</summary>
internal sealed class BearerHeader
{
    private AuthenticationHeaderValue? _last;

    /// <summary>The header for <paramref name="token"/> (a header is never changed once made, so it can be shared).</summary>
    public AuthenticationHeaderValue For(string token)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Parameter, token))
        {
            return last;
        }

        var made = new AuthenticationHeaderValue("Bearer", token);
        Volatile.Write(ref _last, made);
        return made;
    }
}
