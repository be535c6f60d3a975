using FeishuApiGen.Generator.Parsing;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>The compaction of a spec's example before it is emitted into a user's assembly.</summary>
public sealed class JsonSyntaxTests
{
    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\": [ true , null ]\n}", "{\"a\":1,\"b\":[true,null]}")]
    [InlineData("{ \"text\": \"keeps  its spaces\\t and \\\"quotes\\\" \" }", "{\"text\":\"keeps  its spaces\\t and \\\"quotes\\\" \"}")]
    [InlineData("{ \"ends in a backslash\\\\\" : \"x\" }", "{\"ends in a backslash\\\\\":\"x\"}")]
    [InlineData("{\"中文\" :\r\n\"示例\"}", "{\"中文\":\"示例\"}")]
    public void Compacting_drops_whitespace_between_tokens_and_keeps_every_string_as_written(string json, string expected)
    {
        Assert.Null(JsonSyntax.FindError(json));
        var compact = JsonSyntax.CompactJson(json);
        Assert.Equal(expected, compact);
        Assert.Null(JsonSyntax.FindError(compact));
    }

    [Fact]
    public void Text_that_is_not_JSON_comes_out_shortened_never_as_an_exception()
    {
        Assert.Equal("{\"open\":\"never closed ", JsonSyntax.CompactJson("{ \"open\" : \"never closed "));
    }
}
