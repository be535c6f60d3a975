using System.Text;
using FeishuApiGen.Corpus.Tests.Infrastructure;
using FeishuApiGen.CorpusConverter;
using FeishuApiGen.CorpusConverter.Mapping;
using FeishuApiGen.CorpusConverter.Yaml;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Corpus.Tests;

/// <summary>The corpus is the converter's output, byte for byte; and the converter's rules hold on their own.</summary>
public sealed class ConverterTests
{
    [Fact]
    public void The_corpus_is_what_the_converter_makes()
    {
        var made = CorpusConverter.CorpusConverter.Convert(File.ReadAllText(RepoPaths.Facts));
        var checkedIn = Directory.EnumerateFiles(RepoPaths.Specs, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepoPaths.Specs, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        const string Rerun = "; run `dotnet run --project tools/FeishuApiGen.CorpusConverter` and commit the specs";
        Assert.True(made.Select(s => s.RelativePath).SequenceEqual(checkedIn), "the spec files differ from the converter's" + Rerun);
        foreach (var spec in made)
        {
            var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Specs, spec.RelativePath));
            Assert.True(bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(spec.Text)), spec.RelativePath + " differs from the converter's output" + Rerun);
        }

        Assert.Equal(FactsFile.Instance.Endpoints.Count, made.Count);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("新增试用期考核信息：- object_api_name = \"probation\" # not a comment")]
    [InlineData("key: value, [flow] {map} & *alias !tag | > % @ `")]
    [InlineData("line one\nline two\r\n\ttabbed \\ back\\slash")]
    [InlineData("\u2028\u2029\u0085\u0000\u001b\ufeff\u007f")]
    [InlineData("no")]
    [InlineData("0")]
    [InlineData(" leading and trailing ")]
    [InlineData("")]
    [InlineData("😀 outside the BMP")]
    public void Every_scalar_reads_back_as_written(string text)
    {
        var yaml = "word: " + YamlScalars.Word(text) + "\ntext: " + YamlScalars.Quoted(text) + "\n";

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        Assert.Equal(text, ((YamlScalarNode)root["word"]).Value);
        Assert.Equal(text, ((YamlScalarNode)root["text"]).Value);
        Assert.DoesNotContain('\r', yaml);
    }

    [Theory]
    [InlineData("page_size", "分页大小，最大 100", "int")]
    [InlineData("weekly_working_hours_v2", "周工作时长- 限制两位小数", "float")]
    [InlineData("rate", "分摊比例(整数)", "int")]
    [InlineData("rate", "分摊比例", "float")]
    [InlineData("sort_order", "排序顺序 Options:0(ASC 升序),1(DESC 降序)", "int")]
    [InlineData("data_source", "请假记录数据源，1表示中国大陆休假，2表示海外休假", "int")]
    [InlineData("assessment_score", null, "float")]
    [InlineData("file_count", null, "int")]
    public void A_number_is_an_int_or_a_float_by_its_description_then_its_name(string name, string? description, string expected) =>
        Assert.Equal(expected, NumberTypeRule.For(name, description));

    [Theory]
    [InlineData("corehr.v2.probationAssessment.create", "/open-apis/corehr/v2/probation/assessments", "probation.assessment", "create")]
    [InlineData("corehr.v2.basicInfoBank.search", "/open-apis/corehr/v2/basic_info/banks/search", "basic_info.bank", "search")]
    [InlineData("corehr.v2.employeesJobData.batchGet", "/open-apis/corehr/v2/employees/job_datas/batch_get", "employees.job_data", "batch_get")]
    [InlineData("corehr.v2.offboarding.submitV2", "/open-apis/corehr/v2/offboardings/submit_v2", "offboarding", "submit_v2")]
    [InlineData("corehr.v2.processRevoke.update", "/open-apis/corehr/v2/process_revoke/:process_id", "process_revoke", "update")]
    [InlineData("corehr.v1.someThing.get", "/open-apis/corehr/v1/elsewhere/:id", "some_thing", "get")]
    public void The_resource_takes_its_dots_from_the_path(string key, string path, string resource, string name)
    {
        var api = ApiNaming.FromKey(key, path);

        Assert.Equal((resource, name), (api.Resource, api.Name));
    }

    [Fact]
    public void Enum_docs_come_from_the_Options_list_which_may_nest_parentheses()
    {
        var parsed = EnumOptions.Parse("异动方式 Options:type1(直接异动 (无审批)),type2(正常异动（完整流程）)");

        Assert.NotNull(parsed);
        Assert.Equal("异动方式", parsed.Value.Lead);
        Assert.Equal("直接异动 (无审批)", parsed.Value.Docs["type1"]);
        Assert.Equal("正常异动（完整流程）", parsed.Value.Docs["type2"]);
        Assert.Null(EnumOptions.Parse("Options:broken(no close"));
        Assert.Null(EnumOptions.Parse("no list here"));
    }

    [Fact]
    public void Identical_shapes_share_a_type_and_different_shapes_with_one_name_are_each_qualified()
    {
        var specs = CorpusConverter.CorpusConverter.Map(Facts(
            Endpoint("corehr.v1.thing.create", "POST", "/open-apis/corehr/v1/things", """{"owner": {"type": "object", "properties": {"id": {"type": "string"}}}}"""),
            Endpoint("corehr.v1.thing.patch", "PATCH", "/open-apis/corehr/v1/things", """{"owner": {"type": "object", "properties": {"id": {"type": "string", "description": "docs do not count"}}}}"""),
            Endpoint("corehr.v1.thing.search", "POST", "/open-apis/corehr/v1/things/search", """{"owner": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}, "mode": {"type": "string", "enum": ["a"]}, "tags": {"type": "array", "items": {"type": "object", "properties": {"mode": {"type": "object", "properties": {"x": {"type": "boolean"}}}}}}}""")));

        var typesOf = specs.ToDictionary(s => s.Api.Name, s => s.Types.Select(t => t.Name).ToList());
        Assert.Equal(["create_thing_owner"], typesOf["create"]);
        Assert.Equal(["create_thing_owner"], typesOf["patch"]);
        // "mode" is an enum's name, so the object type of that name is qualified by its holder.
        Assert.Equal(["search_thing_owner", "tags_item", "tags_item_mode"], typesOf["search"]);
    }

    private static string Facts(params string[] endpoints) => "{" + string.Join(",", endpoints) + "}";

    private static string Endpoint(string key, string method, string path, string bodyProperties) =>
        "\"" + key + "\": {\"method\": \"" + method + "\", \"path\": \"" + path + "\", \"title\": \"t\", \"summary\": \"s\", \"access_tokens\": [\"tenant\"], " +
        "\"request\": {\"path\": null, \"query\": null, \"body\": {\"type\": \"object\", \"properties\": " + bodyProperties + "}}, " +
        "\"response_data\": {\"type\": \"object\", \"properties\": {}}}";
}
