using FeishuApiGen.Generator.Emit;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>How the generator's writer lays out doc comments: wide ones wrapped, nothing lost or cut inside a tag.</summary>
public sealed class SourceWriterTests
{
    private const string LongRemarks =
        "/// <remarks>Query parameter <c>user_id_type</c>. Accepts <c>open_id</c>, <c>union_id</c>, <c>user_id</c>, " +
        "<c>people_corehr_id</c> (see <see cref=\"global::Feishu.Corehr.V2.UserIdType\"/>). Default (sent when unset): " +
        "<c>open_id</c>.</remarks>";

    [Fact]
    public void A_wide_doc_line_is_wrapped_within_the_width_and_reads_the_same_when_joined()
    {
        var lines = Written(indentLevels: 2, LongRemarks);

        Assert.True(lines.Length > 1);
        Assert.All(lines, line =>
        {
            Assert.True(line.Length <= SourceWriter.DocWidth, line);
            Assert.StartsWith("        /// ", line, StringComparison.Ordinal);
            Assert.False(line.EndsWith(' '), line);
        });
        Assert.Equal(LongRemarks["/// ".Length..], string.Join(" ", lines.Select(line => line["        /// ".Length..])));
    }

    [Fact]
    public void A_line_is_never_broken_inside_a_tag()
    {
        var lines = Written(indentLevels: 0, "/// <para>" + new string('x', 100) + " <see cref=\"global::Some.Long.Type.Name\"/> tail</para>");

        Assert.Contains(lines, line => line.Contains("<see cref=\"global::Some.Long.Type.Name\"/>", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_with_no_space_to_break_at_stays_whole_and_code_lines_are_never_wrapped()
    {
        var chinese = "/// " + string.Concat(Enumerable.Repeat("试用期考核等级，枚举值可通过接口查询，", 8));
        var code = "public global::System.Threading.Tasks.Task<global::Feishu.Corehr.V2.CreateProbationAssessmentResponse> CreateAsync(int x)";

        Assert.Equal([chinese], Written(indentLevels: 0, chinese));
        Assert.Equal(["    " + code], Written(indentLevels: 1, code));
    }

    [Fact]
    public void Text_opening_with_spaces_before_a_long_run_without_one_is_written_whole()
    {
        var url = "https://open.feishu.cn/document/" + new string('x', 110);

        Assert.Equal(["/// " + url, "/// tail"], Written(indentLevels: 0, "///   " + url + " tail"));
    }

    private static string[] Written(int indentLevels, string line)
    {
        var writer = new SourceWriter();
        for (var i = 0; i < indentLevels; i++)
        {
            writer.Open(string.Empty);
        }

        var before = writer.Length;
        writer.Line(line);
        return writer.ToString()[before..].TrimEnd('\n').Split('\n');
    }
}
