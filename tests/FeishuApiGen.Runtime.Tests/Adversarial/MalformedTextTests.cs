using System.Text;
using System.Text.Json;
using FeishuApiGen.Runtime.Tests.Generated;
using FeishuApiGen.Testing;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Adversarial;

/// <summary>
/// Malformed text never surfaces as a raw framework exception: invalid UTF-8 in <c>msg</c>, the log id or
/// <c>troubleshooter</c> (on success and on error, from the API and the token endpoint), an absurd token lifetime,
/// huge error fields, and numbers outside what a float member can hold.
/// </summary>
public sealed class MalformedTextTests
{
    // "bad " then a lone continuation byte and a truncated 3-byte sequence: not UTF-8.
    private static readonly byte[] s_invalidUtf8 = [0x62, 0x61, 0x64, 0x20, 0x80, 0xE4, 0xB8];

    private static byte[] Envelope(string before, string after)
        => [.. Encoding.UTF8.GetBytes(before), .. s_invalidUtf8, .. Encoding.UTF8.GetBytes(after)];

    [Fact]
    public async Task Invalid_UTF8_in_msg_of_a_success_is_read()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Bytes(200, Envelope("{\"code\":0,\"msg\":\"", "\",\"data\":{\"assessment_ids\":[\"1\"]}}")));

        var created = await feishu.CreateAsync();

        Assert.Equal(["1"], created.AssessmentIds);
    }

    [Fact]
    public async Task Invalid_UTF8_in_msg_log_id_and_troubleshooter_of_an_error_gives_the_typed_exception()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("{\"code\":1161001,\"msg\":\""), .. s_invalidUtf8,
            .. Encoding.UTF8.GetBytes("\",\"error\":{\"log_id\":\""), .. s_invalidUtf8,
            .. Encoding.UTF8.GetBytes("\",\"troubleshooter\":\""), .. s_invalidUtf8, .. Encoding.UTF8.GetBytes("\"}}"),
        ];
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Bytes(400, body).WithoutLogIdHeader());

        var thrown = await Assert.ThrowsAsync<FeishuApiException>(() => feishu.CreateAsync());

        Assert.Equal(1161001, thrown.Code);
        Assert.Contains("bad \uFFFD", thrown.Msg, StringComparison.Ordinal);
        Assert.Contains("bad \uFFFD", thrown.LogId, StringComparison.Ordinal);
        Assert.Contains("bad \uFFFD", thrown.Troubleshooter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_from_the_token_endpoint_gives_the_typed_exception()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Bytes(400, Envelope("{\"code\":10003,\"msg\":\"", "\"}")));

        var thrown = await Assert.ThrowsAnyAsync<FeishuException>(() => feishu.CreateAsync());

        var api = Assert.IsType<FeishuApiException>(thrown);
        Assert.Equal(10003, api.Code);
        Assert.Equal("auth.v3.tenant_access_token.internal", api.EndpointId);
    }

    [Theory]
    [InlineData("2.5e11")]
    [InlineData("250000000000")]
    [InlineData("9223372036854775807")]
    public async Task An_absurd_token_lifetime_is_capped_and_the_token_is_fetched_once(string expire)
    {
        const string Token = "t-absurd_lifetime_token";
        var serverOptions = new FakeFeishuOptions { AppId = FaultyFeishu.AppId, AppSecret = FaultyFeishu.AppSecret };
        serverOptions.UserAccessTokens.Add(Token); // so the loopback accepts a token it did not issue
        await using var server = await FakeFeishu.StartAsync(serverOptions);
        server.Map("POST", FakeFeishu.TokenPath, _ => FakeAnswer.Json(200, $$"""{"code":0,"msg":"ok","tenant_access_token":"{{Token}}","expire":{{expire}}}"""));
        server.Map("POST", FaultyFeishu.CreatePath, _ => FaultyFeishu.Created());
        using var feishu = new Feishu.FeishuClient(new FeishuClientOptions { AppId = FaultyFeishu.AppId, AppSecret = FaultyFeishu.AppSecret, BaseAddress = server.BaseAddress });

        for (var i = 0; i < 3; i++)
        {
            await feishu.Corehr.V2.ProbationAssessment.CreateAsync(FaultyFeishu.NewRequest());
        }

        Assert.Equal(1, server.TokenRequests);
    }

    [Fact]
    public async Task Huge_msg_and_troubleshooter_make_a_bounded_message()
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        var huge = new string('m', 3_000_000);
        feishu.Server.Map("POST", FaultyFeishu.CreatePath, _ => FakeAnswer.Json(400, $$$"""{"code":1161001,"msg":"{{{huge}}}","error":{"troubleshooter":"{{{huge}}}"}}"""));

        var thrown = await Assert.ThrowsAsync<FeishuApiException>(() => feishu.CreateAsync());

        Assert.True(thrown.Message.Length < 3000, $"the message has {thrown.Message.Length} characters");
        Assert.Equal(huge.Length, thrown.Msg.Length);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"1e400\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public async Task A_float_member_out_of_range_gives_a_protocol_exception_not_infinity(string score)
    {
        await using var feishu = await FaultyFeishu.StartAsync();
        feishu.Server.Map("POST", "/open-apis/corehr/v2/probation/search", _ => FakeAnswer.Success($$$"""{"items":[{"final_assessment_score":{{{score}}}}],"has_more":false}"""));

        var thrown = await Assert.ThrowsAsync<FeishuProtocolException>(() => feishu.Feishu.Corehr.V2.Probation.SearchAsync(new Gen.SearchProbationRequest { PageSize = 100 }));

        Assert.Contains("finite number", thrown.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finite_numbers_still_read_in_both_forms()
    {
        foreach (var json in new[] { "99.5", "\"99.5\"", "1e308" })
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            Assert.True(double.IsFinite(FeishuJson.ReadDouble(ref reader)!.Value));
        }
    }
}
