using FeishuApiGen.CorpusConverter.Facts;

namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>
/// The spec's <c>api</c> identity from a facts key such as <c>corehr.v2.probationAssessment.create</c>.
/// The key spells the resource in camelCase; Feishu's API explorer spells it in snake_case words joined by dots, one
/// dot-separated part per URL path segment (<c>probation.assessment</c> for <c>/probation/assessments</c>,
/// <c>basic_info.bank</c> for <c>/basic_info/banks</c>). The words are matched against the path segments to put the dots
/// back; the C# names (<c>ProbationAssessment</c>) are the same either way.
/// </summary>
internal static class ApiNaming
{
    /// <summary>The identity, with the resource read from the path where the path allows it.</summary>
    public static SpecApi FromKey(string key, string path)
    {
        var parts = key.Split('.');
        if (parts.Length != 4)
        {
            throw new FactsFormatException("The facts key '" + key + "' is not project.version.resource.name.");
        }

        return new SpecApi(parts[0], parts[1], ResourceFromPath(parts[2], path) ?? Casing.Snake(parts[2]), Casing.Snake(parts[3]));
    }

    /// <summary>The snake_case resource without dots, for when endpoints of one resource disagree on where the dots go.</summary>
    public static string PlainResource(string key) => Casing.Snake(key.Split('.')[2]);

    /// <summary>
    /// Consumes the resource's words with the path segments after <c>/open-apis/{project}/{version}/</c>, in order;
    /// null unless every word is consumed by whole segments (a segment may be the plural of the last word it covers).
    /// </summary>
    private static string? ResourceFromPath(string camelResource, string path)
    {
        var words = Casing.Snake(camelResource).Split('_');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(3).Where(s => !s.StartsWith(':'));
        var groups = new List<string>();
        var next = 0;
        foreach (var segment in segments)
        {
            if (next == words.Length)
            {
                break;
            }

            var segmentWords = segment.Split('_');
            if (next + segmentWords.Length > words.Length || !segmentWords.Select((w, i) => SameWord(w, words[next + i])).All(same => same))
            {
                return null;
            }

            groups.Add(string.Join("_", words, next, segmentWords.Length));
            next += segmentWords.Length;
        }

        return next == words.Length ? string.Join(".", groups) : null;
    }

    private static bool SameWord(string segmentWord, string word) =>
        segmentWord == word || segmentWord == word + "s" || segmentWord == word + "es"
        || (word.EndsWith('y') && segmentWord == word[..^1] + "ies");
}
