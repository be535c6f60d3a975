using System.Net;
using System.Text.Json.Nodes;
using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;
using FeishuApiGen.Testing;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>What goes on the wire for a valid request, and how the answer's data is read.</summary>
public sealed class ConnectionRequestTests
{
    [Fact]
    public async Task Request_carries_bearer_token_and_exact_json_content_type()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        await harness.CreateAsync();

        var request = Assert.Single(harness.Server.ApiRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer " + harness.Server.IssuedTokens.Single(), request.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.StartsWith("FeishuApiGen/", request.Header("User-Agent"));
    }

    [Fact]
    public async Task Custom_user_agent_is_sent()
    {
        await using var harness = await LoopbackHarness.StartAsync(configureClient: o => o.UserAgent = "probation-sync/2.1");
        harness.MapSeedSuccess();

        await harness.CreateAsync();

        Assert.All(harness.Server.Requests, r => Assert.Equal("probation-sync/2.1", r.Header("User-Agent")));
    }

    [Fact]
    public async Task Body_equals_the_docs_request_example()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        await harness.CreateAsync();

        var sent = JsonNode.Parse(harness.Server.ApiRequests.Single().Body);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SeedExamples.Request), sent), sent?.ToJsonString());
        // Non-ASCII text travels as UTF-8, not as \u escapes.
        Assert.Contains("超出预期", harness.Server.ApiRequests.Single().Body);
    }

    [Fact]
    public async Task Query_has_user_id_type_only_when_set()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        await harness.CreateAsync();
        var withType = SeedExamples.CreateRequest();
        withType.UserIdType = "people_corehr_id";
        withType.ClientToken = "a b&c";
        await harness.CreateAsync(withType);

        var requests = harness.Server.ApiRequests;
        Assert.Equal("/open-apis/corehr/v2/probation/assessments", requests[0].Path);
        // Left empty by the caller, the idempotency key is filled with a fresh one; nothing else is added.
        Assert.Matches("^\\?client_token=[0-9a-f]{32}$", requests[0].QueryString);
        Assert.Equal("?client_token=a%20b%26c&user_id_type=people_corehr_id", requests[1].QueryString);
        Assert.Equal(["people_corehr_id"], requests[1].Query("user_id_type"));
        Assert.Equal(["a b&c"], requests[1].Query("client_token"));
    }

    [Fact]
    public async Task Docs_response_example_parses()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        var response = await harness.CreateAsync();

        Assert.Equal(["7140964208476371991"], response.AssessmentIds);
    }

    [Theory]
    [InlineData("""{"msg":"success","data":{"ignored":{"code":7,"data":[1,{"x":null}]},"assessment_ids":["1","2"]},"extra":[{"code":5}],"code":0}""")]
    [InlineData("""{"data":{"assessment_ids":["1","2"]},"error":{"log_id":"x","details":[{"a":1}]},"code":0,"msg":"success"}""")]
    [InlineData("""  {"code":0,"data":{"assessment_ids":["1","2"]}}  """)]
    public async Task Envelope_members_in_any_order_unknown_members_skipped(string body)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", CreateProbationAssessmentRequest.Endpoint.PathTemplate, _ => FakeAnswer.Json(200, body));

        var response = await harness.CreateAsync();

        Assert.Equal(["1", "2"], response.AssessmentIds);
    }

    [Theory]
    [InlineData("""{"code":0,"msg":"success"}""")]
    [InlineData("""{"code":0,"msg":"success","data":null}""")]
    [InlineData("""{"code":0,"msg":"success","data":{}}""")]
    public async Task Missing_or_null_data_is_read_as_an_empty_object(string body)
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", CreateProbationAssessmentRequest.Endpoint.PathTemplate, _ => FakeAnswer.Json(200, body));
        harness.Server.Map("GET", GetThingRequest.Endpoint.PathTemplate, _ => FakeAnswer.Json(200, body));

        var response = await harness.CreateAsync();
        var raw = await harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            GetThingRequest.Endpoint, new GetThingRequest { ThingId = "1" }, CancellationToken.None);

        Assert.Empty(response.AssessmentIds);
        Assert.Equal("{}", raw.Json);
    }

    [Fact]
    public async Task Data_is_handed_over_as_exactly_its_own_slice()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("GET", GetThingRequest.Endpoint.PathTemplate,
            _ => FakeAnswer.Json(200, """{"code":0,"data":{"a":[1,2,{"b":"}"}]},"msg":"{not data}"}"""));

        var raw = await harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            GetThingRequest.Endpoint, new GetThingRequest { ThingId = "1" }, CancellationToken.None);

        Assert.Equal("""{"a":[1,2,{"b":"}"}]}""", raw.Json);
    }

    [Fact]
    public async Task Get_request_sends_no_body_and_encodes_path_and_query()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("GET", GetThingRequest.Endpoint.PathTemplate, _ => FakeAnswer.Success());

        await harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            GetThingRequest.Endpoint,
            new GetThingRequest { ThingId = "../x?y#z 飞书", Ids = ["1", "2"], Verbose = true, Ratio = 0.25, PageSize = 50 },
            CancellationToken.None);

        var request = Assert.Single(harness.Server.ApiRequests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/open-apis/loopback/v1/things/..%2Fx%3Fy%23z%20%E9%A3%9E%E4%B9%A6", request.Path);
        Assert.Equal("?ids=1&ids=2&verbose=true&ratio=0.25&page_size=50", request.QueryString);
        Assert.Equal("", request.Body);
        Assert.Null(request.Header("Content-Type"));
        Assert.True(request.Header("Content-Length") is null or "0");
    }

    [Fact]
    public async Task Delete_request_sends_no_body()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("DELETE", GetThingRequest.DeleteEndpoint.PathTemplate, _ => FakeAnswer.Success());

        await harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            GetThingRequest.DeleteEndpoint, new GetThingRequest { ThingId = "42" }, CancellationToken.None);

        var request = Assert.Single(harness.Server.ApiRequests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("/open-apis/loopback/v1/things/42", request.Path);
        Assert.Null(request.Header("Content-Type"));
    }

    [Fact]
    public async Task Base_address_with_trailing_slash_does_not_double_the_slash()
    {
        await using var server = await FakeFeishu.StartAsync(
            new FakeFeishuOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret });
        server.Map("GET", GetThingRequest.Endpoint.PathTemplate, _ => FakeAnswer.Success());
        using var connection = new FeishuConnection(new FeishuClientOptions
        {
            AppId = LoopbackHarness.AppId,
            AppSecret = LoopbackHarness.AppSecret,
            BaseAddress = new Uri(server.BaseAddress.AbsoluteUri.TrimEnd('/') + "/"),
        });

        await connection.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "1" }, default);

        Assert.Equal(FakeFeishu.TokenPath, server.Requests[0].Path);
        Assert.Equal("/open-apis/loopback/v1/things/1", server.Requests[1].Path);
    }

    [Fact]
    public async Task Callers_http_client_is_used_but_neither_rebased_nor_disposed()
    {
        await using var server = await FakeFeishu.StartAsync(
            new FakeFeishuOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret });
        server.Map("GET", GetThingRequest.Endpoint.PathTemplate, _ => FakeAnswer.Success());
        var handler = new CountingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/unused/") };

        var connection = new FeishuConnection(
            new FeishuClientOptions { AppId = LoopbackHarness.AppId, AppSecret = LoopbackHarness.AppSecret, BaseAddress = server.BaseAddress },
            http);
        await connection.SendAsync<GetThingRequest, RawDataResponse>(GetThingRequest.Endpoint, new GetThingRequest { ThingId = "1" }, default);
        connection.Dispose();

        Assert.Equal(2, handler.Count);
        Assert.Equal(new Uri("http://127.0.0.1:9/unused/"), http.BaseAddress);
        // Still usable: the connection did not dispose it.
        using var answer = await http.GetAsync(new Uri(server.BaseAddress, "/open-apis/anything"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task Cancellation_aborts_the_call()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.Server.Map("POST", CreateProbationAssessmentRequest.Endpoint.PathTemplate, async request =>
        {
            await Task.Delay(Timeout.Infinite, request.RequestAborted);
            return FakeAnswer.Success();
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.CreateAsync(cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.CreateAsync(cancellationToken: new CancellationToken(true)));

        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Server_gone_is_retried_then_reported_as_transient_with_the_connection_error()
    {
        var server = await FakeFeishu.StartAsync();
        var address = server.BaseAddress;
        await server.DisposeAsync();
        using var connection = new FeishuConnection(new FeishuClientOptions
        {
            AppId = "cli_x",
            AppSecret = "secret_x",
            BaseAddress = address,
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });

        var ex = await Assert.ThrowsAsync<FeishuTransientException>(() => connection.SendAsync<CreateProbationAssessmentRequest, CreateProbationAssessmentResponse>(
            CreateProbationAssessmentRequest.Endpoint, SeedExamples.CreateRequest(), default));

        Assert.Equal(FeishuGiveUpReason.AttemptsExhausted, ex.Reason);
        Assert.Equal(3, ex.Attempts);
        var cause = Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(HttpRequestError.ConnectionError, cause.HttpRequestError);
        Assert.Contains("failed after 3 attempts", ex.Message);
    }

    [Fact]
    public async Task Disposed_connection_throws()
    {
        var harness = await LoopbackHarness.StartAsync();
        await harness.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.CreateAsync());
    }

    [Fact]
    public async Task Endpoint_accepting_only_app_tokens_is_refused_before_sending()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        var appOnly = new FeishuEndpoint("x.v1.y.get", "GET", "/open-apis/x/v1/y/:id", false, FeishuAccessTokenTypes.App, [], []);

        await Assert.ThrowsAsync<NotSupportedException>(() => harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            appOnly, new GetThingRequest { ThingId = "1" }, default));

        Assert.Empty(harness.Server.Requests);
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.True(request.RequestUri!.IsAbsoluteUri);
            Interlocked.Increment(ref Count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
