using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// The smaller holes, each decided: an envelope with a member given twice is refused (which one counts would be a
/// guess, and a proxy could smuggle the second); a JSON envelope is read whatever <c>Content-Type</c> says, since
/// gateways mislabel it and only the bytes decide; a page walk keeps a hash per token, not the token.
/// </summary>
public sealed class EnvelopeEdgeTests
{
    [Theory]
    [InlineData("""{"code":0,"code":99991663,"msg":"ok","data":{"assessment_ids":["1"]}}""", "code")]
    [InlineData("""{"code":0,"msg":"ok","data":{"assessment_ids":["1"]},"data":{"assessment_ids":["2"]}}""", "data")]
    [InlineData("""{"code":0,"msg":"ok","msg":"second","data":{}}""", "msg")]
    [InlineData("""{"code":1,"msg":"x","error":{},"error":{}}""", "error")]
    public async Task An_envelope_member_given_twice_is_refused(string body, string member)
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Json(200, body));

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.CreateAsync());

        Assert.Contains($"it has the member '{member}' twice", thrown.Message, StringComparison.Ordinal);
        Assert.Single(feishu.Server.ApiRequests);
    }

    [Fact]
    public async Task A_token_answer_with_two_tokens_is_refused()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Json(200, """{"code":0,"tenant_access_token":"t-first_one","tenant_access_token":"t-second","expire":7200}"""));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.CreateAsync());

        Assert.Contains("'tenant_access_token' twice", Assert.IsType<FeishuProtocolException>(thrown).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/html")]
    [InlineData(null)]
    public async Task A_JSON_envelope_is_read_whatever_its_Content_Type(string? contentType)
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        var body = System.Text.Encoding.UTF8.GetBytes("""{"code":0,"msg":"success","data":{"assessment_ids":["7"]}}""");
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Bytes(200, body, contentType));

        var created = await feishu.CreateAsync();

        Assert.Equal(["7"], created.AssessmentIds);
    }

    [Fact]
    public async Task An_HTML_page_labelled_JSON_is_still_not_an_envelope()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Json(200, "<html>maintenance</html>"));

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.CreateAsync());

        Assert.Contains("not valid JSON", thrown.Message, StringComparison.Ordinal);
    }
}
