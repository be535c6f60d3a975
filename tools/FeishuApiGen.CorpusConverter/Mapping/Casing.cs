using System.Text;

namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>Spelling changes between the facts file's camelCase names and the spec's snake_case ones.</summary>
internal static class Casing
{
    /// <summary><c>probationAssessment</c> becomes <c>probation_assessment</c>, <c>submitV2</c> becomes <c>submit_v2</c>.</summary>
    public static string Snake(string camel)
    {
        var text = new StringBuilder(camel.Length + 4);
        for (var i = 0; i < camel.Length; i++)
        {
            var c = camel[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(camel[i - 1]) || char.IsDigit(camel[i - 1])))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>
    /// The generator's C# spelling of a snake_case name (<c>job_data</c> becomes <c>JobData</c>), used only to tell
    /// whether two names would become the same C# identifier.
    /// </summary>
    public static string Pascal(string snake)
    {
        var text = new StringBuilder(snake.Length);
        foreach (var part in snake.Split(['_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        return text.ToString();
    }
}
