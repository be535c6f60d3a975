namespace FeishuApiGen.Testing;

/// <summary>
/// A method and a documented path (<c>/open-apis/corehr/v2/jobs/:job_id</c>), matched against a request's raw path. Where
/// two templates fit one path (<c>jobs/:job_id</c> and <c>jobs/query_recent_change</c>), the one with more literal
/// segments is the endpoint meant, as on Feishu's gateway.
/// </summary>
internal sealed class PathTemplate
{
    private readonly string[] _segments;

    public PathTemplate(string method, string path)
    {
        Method = method.ToUpperInvariant();
        _segments = path.Split('/');
        LiteralSegments = _segments.Count(s => !IsParameter(s));
    }

    public string Method { get; }

    /// <summary>How many segments are fixed text: the more, the more specific the template.</summary>
    public int LiteralSegments { get; }

    public static PathTemplate Of(FeishuEndpoint endpoint) => new(endpoint.Method.Method, endpoint.PathTemplate);

    /// <summary>Whether <paramref name="method"/> and the raw (still encoded) <paramref name="path"/> fit, a <c>:name</c> segment matching any one non-empty segment.</summary>
    public bool Matches(string method, string path)
    {
        if (method != Method)
        {
            return false;
        }

        var segments = path.Split('/');
        if (segments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var fits = IsParameter(_segments[i]) ? segments[i].Length > 0 : _segments[i] == segments[i];
            if (!fits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The path parameters of a path this template matches, by name, percent-decoded.</summary>
    public Dictionary<string, string> PathValues(string path)
    {
        var segments = path.Split('/');
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length && i < segments.Length; i++)
        {
            if (IsParameter(_segments[i]))
            {
                values[_segments[i][1..]] = Uri.UnescapeDataString(segments[i]);
            }
        }

        return values;
    }

    /// <summary>The most specific of <paramref name="candidates"/> that fits, the last given winning a tie (a later map replaces an earlier one).</summary>
    public static T? MostSpecific<T>(IReadOnlyList<T> candidates, Func<T, PathTemplate> template, string method, string path) where T : class
    {
        T? best = null;
        var bestLiterals = -1;
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            var candidate = template(candidates[i]);
            if (candidate.LiteralSegments > bestLiterals && candidate.Matches(method, path))
            {
                best = candidates[i];
                bestLiterals = candidate.LiteralSegments;
            }
        }

        return best;
    }

    private static bool IsParameter(string segment) => segment.StartsWith(':');
}
