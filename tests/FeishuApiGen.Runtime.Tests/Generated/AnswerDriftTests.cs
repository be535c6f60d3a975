using FeishuApiGen.Testing;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// Answers that drift from Feishu's docs, read by the generated search response: a value that converts without loss is
/// read; one that does not ends the call with a <see cref="FeishuProtocolException"/> naming the endpoint, the JSON path,
/// the expected and the found type, and showing that part of the body. "Not a Feishu JSON envelope" only when it is not.
/// </summary>
public sealed class AnswerDriftTests : LoopbackClientTest
{
    private const string SearchPath = "/open-apis/corehr/v2/probation/search";
    private const string Endpoint = "corehr.v2.probation.search";

    private static Gen.SearchProbationRequest Request() => new() { PageSize = 10 };

    private void Answer(string data) => Server.Map("POST", SearchPath, _ => FakeAnswer.Json(200, """{"code":0,"msg":"success","data":""" + data + "}"));

    [Fact]
    public async Task Values_in_the_wrong_JSON_type_that_convert_without_loss_are_read()
    {
        Answer("""
            {"items": [{"employment_id": 7140964208476371111, "converted_via_bpm": "true", "final_assessment_score": "99.5",
                        "extended_probation_period_duration": 3.0},
                       {"extended_probation_period_duration": -1.50e1}],
             "has_more": "false", "page_token": 42}
            """);

        var page = await Feishu.Corehr.V2.Probation.SearchAsync(Request());

        Assert.Equal(2, page.Items.Count);
        var item = page.Items[0];
        Assert.Equal(-15, page.Items[1].ExtendedProbationPeriodDuration);
        Assert.Equal("7140964208476371111", item.EmploymentId);
        Assert.True(item.ConvertedViaBpm);
        Assert.Equal(99.5, item.FinalAssessmentScore);
        Assert.Equal(3, item.ExtendedProbationPeriodDuration);
        Assert.False(page.HasMore);
        Assert.Equal("42", page.PageToken);
    }

    [Theory]
    [InlineData("\"converted_via_bpm\": \"yes\"", "items[1].converted_via_bpm", "true or false", "a string", "\"yes\"")]
    [InlineData("\"extended_probation_period_duration\": 2.5", "items[1].extended_probation_period_duration", "a 32-bit integer", "a number", "2.5")]
    [InlineData("\"final_assessment_score\": [1]", "items[1].final_assessment_score", "a finite number", "an array", "[1]")]
    [InlineData("\"extended_probation_period_duration\": 1e-30", "items[1].extended_probation_period_duration", "a 32-bit integer", "a number", "1e-30")]
    [InlineData("\"extended_probation_period_duration\": 2.00000000000000000000000000001", "items[1].extended_probation_period_duration", "a 32-bit integer", "a number", "2.000")]
    public async Task A_value_that_would_lose_something_ends_the_call_naming_its_path_the_types_and_showing_that_part(
        string member, string path, string expected, string found, string shown)
    {
        Answer("""{"items": [{"employment_id": "1"}, {"employment_id": "2", """ + member + """}], "has_more": false}""");

        var error = await Assert.ThrowsAsync<FeishuProtocolException>(() => Feishu.Corehr.V2.Probation.SearchAsync(Request()));

        Assert.Equal(Endpoint, error.EndpointId);
        Assert.Equal(path, error.JsonPath);
        Assert.Equal(expected, error.ExpectedType);
        Assert.Equal(found, error.FoundType);
        Assert.Contains(shown, error.BodyExcerpt, StringComparison.Ordinal);
        Assert.StartsWith($"Feishu API {Endpoint} answered with a 'data' this client cannot read: at {path} the response type expects {expected} but the answer has {found}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other than a Feishu JSON envelope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_excerpt_shows_the_bad_value_even_after_a_long_run_of_Chinese_text()
    {
        var name = string.Concat(Enumerable.Repeat("试用期考核信息", 6));
        Answer("""{"items": [{"employment_id": "2", "final_assessment_grade_text": """ + "\"" + name + "\"" + """, "converted_via_bpm": "yes"}], "has_more": false}""");

        var error = await Assert.ThrowsAsync<FeishuProtocolException>(() => Feishu.Corehr.V2.Probation.SearchAsync(Request()));

        Assert.Equal("items[0].converted_via_bpm", error.JsonPath);
        Assert.Contains("\"converted_via_bpm\": \"yes\"", error.BodyExcerpt, StringComparison.Ordinal);
        Assert.StartsWith("…", error.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_answer_that_is_not_an_envelope_is_called_one()
    {
        Server.Map("POST", SearchPath, _ => FakeAnswer.Text(200, "<html>gateway</html>", "text/html"));

        var error = await Assert.ThrowsAsync<FeishuProtocolException>(() => Feishu.Corehr.V2.Probation.SearchAsync(Request()));

        Assert.Contains("answered with something other than a Feishu JSON envelope", error.Message, StringComparison.Ordinal);
        Assert.Null(error.JsonPath);
        Assert.Null(error.ExpectedType);
    }

    [Fact]
    public void The_path_of_a_value_is_found_in_nested_objects_and_arrays()
    {
        var json = """{"a": [1, {"b": {"c": [true, "x"]}}], "d": null}"""u8;

        Assert.Equal("a[1].b.c[1]", Protocol.JsonPaths.PathAt(json, json.IndexOf("\"x\""u8)));
        Assert.Equal("a[0]", Protocol.JsonPaths.PathAt(json, json.IndexOf("1,"u8)));
        Assert.Equal("d", Protocol.JsonPaths.PathAt(json, json.IndexOf("null"u8)));
        Assert.Equal("$", Protocol.JsonPaths.PathAt(json, 0));
        Assert.Null(Protocol.JsonPaths.PathAt(json, 3));
    }
}
