using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>A caller's user_access_token, per call, for endpoints whose spec accepts <c>user</c>.</summary>
public sealed class UserAccessTokenTests
{
    private const string UserToken = "u-Us3rT0k3n_9fK2mQ7x";
    private const string DeletePath = GetThingRequest.PathPrefix + ":thing_id";

    private static readonly FeishuRequestOptions AsUser = new() { UserAccessToken = UserToken };

    [Fact]
    public async Task A_user_token_is_sent_as_the_bearer_and_no_tenant_token_is_fetched()
    {
        await using var harness = await LoopbackHarness.StartAsync(configureServer: o => o.UserAccessTokens.Add(UserToken));
        harness.Server.Map("GET", "/open-apis/loopback/v1/me", request => FakeAnswer.Success($$"""{"auth":"{{request.Header("Authorization")}}"}"""));

        var response = await harness.SendAsync<GetMeRequest, RawDataResponse>(GetMeRequest.Endpoint, new GetMeRequest(), AsUser);

        Assert.Contains("Bearer " + UserToken, response.Json, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.TokenRequests);
    }

    [Fact]
    public async Task An_endpoint_accepting_both_uses_the_user_token_when_given_the_tenant_token_otherwise()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("DELETE", DeletePath, _ => FakeAnswer.Success());

        await harness.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.DeleteEndpoint, new GetThingRequest { ThingId = "t1" });

        Assert.Equal(1, harness.Server.TokenRequests);
        Assert.Equal("Bearer " + harness.Server.IssuedTokens.Single(), harness.Server.ApiRequests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task A_user_only_endpoint_without_a_user_token_is_refused_before_sending()
    {
        await using var harness = await LoopbackHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.SendAsync<GetMeRequest, RawDataResponse>(GetMeRequest.Endpoint, new GetMeRequest()));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("loopback.v1.me.get accepts only a user_access_token", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task A_user_token_for_an_endpoint_that_does_not_accept_one_is_refused_before_sending()
    {
        await using var harness = await LoopbackHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => harness.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            CreateProbationAssessmentRequest.Endpoint, SeedExamples.CreateRequest(), AsUser));

        Assert.Contains("does not accept a user_access_token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(UserToken, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Theory]
    [InlineData(FeishuErrorCodes.UserAccessTokenInvalid)]
    [InlineData(FeishuErrorCodes.UserAccessTokenExpired)]
    [InlineData(FeishuErrorCodes.AccessTokenInvalid)]
    public async Task A_user_token_rejected_is_not_retried_and_the_token_never_shows(int code)
    {
        await using var harness = await LoopbackHarness.StartAsync(configureServer: o => o.UserAccessTokens.Add(UserToken));
        harness.Server.Map("GET", "/open-apis/loopback/v1/me", request => FakeAnswer.Error(400, code, "token " + request.Header("Authorization") + " is invalid"));

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.SendAsync<GetMeRequest, RawDataResponse>(GetMeRequest.Endpoint, new GetMeRequest(), AsUser));

        Assert.Equal(code, ex.Code);
        Assert.Equal("token Bearer *** is invalid", ex.Msg);
        if (code != FeishuErrorCodes.AccessTokenInvalid)
        {
            Assert.Contains("refresh it with the user's refresh_token", ex.Message, StringComparison.Ordinal);
        }

        Assert.Single(harness.Server.ApiRequests);
        Assert.Equal(0, harness.Server.TokenRequests);
        SecretScan.AssertClean(ex, [UserToken, LoopbackHarness.AppSecret]);
        Assert.DoesNotContain(UserToken, AsUser.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_token_gets_99991668_from_the_server_and_is_not_retried()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("GET", "/open-apis/loopback/v1/me", _ => FakeAnswer.Success());

        var ex = await Assert.ThrowsAsync<FeishuApiException>(() => harness.SendAsync<GetMeRequest, RawDataResponse>(GetMeRequest.Endpoint, new GetMeRequest(), AsUser));

        Assert.Equal(FeishuErrorCodes.UserAccessTokenInvalid, ex.Code);
        Assert.Single(harness.Server.ApiRequests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("u-abc\r\nX-Injected: 1")]
    public async Task A_blank_or_header_breaking_user_token_is_refused(string token)
    {
        await using var harness = await LoopbackHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.SendAsync<GetMeRequest, RawDataResponse>(
            GetMeRequest.Endpoint, new GetMeRequest(), new FeishuRequestOptions { UserAccessToken = token }));

        Assert.Empty(harness.Server.Requests);
    }
}

