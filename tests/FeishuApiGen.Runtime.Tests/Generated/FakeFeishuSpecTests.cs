using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Feishu;
using FeishuApiGen.Testing;
using Xunit.Abstractions;
using Gen = Feishu.Corehr.V2;
using Kitchen = Feishu.Kitchen.V1;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The fake Feishu of FeishuApiGen.Testing started for the generated client: it answers every generated endpoint from
/// its spec's example, refuses what the spec refuses with Feishu's error shape, plays scripted faults, and lets a test read
/// back what it received as the generated request type.
/// </summary>
public sealed class FakeFeishuSpecTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeFeishu _fake = null!;
    private FeishuClient _feishu = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeFeishu.StartAsync<FeishuClient>();
        _feishu = new FeishuClient(_fake.ClientOptions());
    }

    public async Task DisposeAsync()
    {
        _feishu.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public void The_generated_client_lists_a_contract_for_every_endpoint_it_calls()
    {
        var ids = Contracts<FeishuClient>().Select(c => c.Endpoint.Id).ToList();

        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains("corehr.v2.probation.assessment.create", ids);
        Assert.Equal(8, ids.Count(id => id.StartsWith("corehr.v2.probation.", StringComparison.Ordinal)));
        Assert.Contains("kitchen.v1.test.kitchen_sink.create", ids);
        Assert.Same(Gen.SearchProbationRequest.FeishuEndpoint, Contracts<FeishuClient>().Single(c => c.Endpoint.Id == "corehr.v2.probation.search").Endpoint);
    }

    [Fact]
    public async Task Every_probation_endpoint_is_answered_with_its_spec_example()
    {
        var v2 = _feishu.Corehr.V2;
        var created = await v2.ProbationAssessment.CreateAsync(new Gen.CreateProbationAssessmentRequest
        {
            EmploymentId = "7140964208476371111",
            Assessments = [new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = Gen.AssessmentStatus.Completed, IsFinalAsssessment = false }],
        });
        await v2.ProbationAssessment.DeleteAsync(new Gen.DeleteProbationAssessmentRequest { AssessmentId = "7140964208476371331" });
        await v2.ProbationAssessment.PatchAsync(new Gen.PatchProbationAssessmentRequest
        {
            AssessmentId = "7140964208476371331",
            AssessmentStatus = Gen.AssessmentStatus.InProcess,
            IsFinalAsssessment = true,
        });
        await v2.Probation.EditAsync(new Gen.EditProbationRequest { EmploymentId = "7140964208476371111" });
        await v2.Probation.EnableDisableAssessmentAsync(new Gen.EnableDisableAssessmentProbationRequest { Active = true });
        var found = await v2.Probation.SearchAsync(new Gen.SearchProbationRequest { PageSize = 10 });
        var submitted = await v2.Probation.SubmitAsync(new Gen.SubmitProbationRequest
        {
            EmploymentId = "7140964208476371111",
            ConversionMode = 1,
            SubmissionType = Gen.SubmitProbation.SubmissionType.System,
        });
        await v2.Probation.WithdrawAsync(new Gen.WithdrawProbationRequest { EmploymentId = "7140964208476371111" });

        // Typed, as the spec's examples say.
        Assert.Equal(["7140964208476371991"], created.AssessmentIds);
        Assert.Equal("6893014062142064132", Assert.Single(found.Items).ProbationId);
        Assert.True(found.HasMore);
        Assert.NotNull(submitted.ProbationInfo);

        // Byte for byte, each answer is the example of the endpoint it was sent to.
        var contracts = Contracts<FeishuClient>().ToDictionary(c => c.Endpoint.Id);
        var answered = _fake.ApiRequests;
        string[] probation =
        [
            "corehr.v2.probation.assessment.create", "corehr.v2.probation.assessment.delete", "corehr.v2.probation.assessment.patch",
            "corehr.v2.probation.edit", "corehr.v2.probation.enable_disable_assessment", "corehr.v2.probation.search",
            "corehr.v2.probation.submit", "corehr.v2.probation.withdraw",
        ];
        Assert.Equal(probation, answered.Select(r => r.Endpoint?.Id ?? "(none)").Order(StringComparer.Ordinal));
        foreach (var request in answered)
        {
            var contract = contracts[Assert.IsType<FeishuEndpoint>(request.Endpoint).Id];
            var answer = Assert.IsType<FakeAnswer>(request.Answer);
            Assert.Equal(200, answer.StatusCode);
            Assert.Equal(contract.ExampleAnswer.ToArray(), answer.Body);
            output.WriteLine($"{request.Method} {request.Path}{request.QueryString} ({contract.Endpoint.Id}) -> HTTP {answer.StatusCode} {Encoding.UTF8.GetString(answer.Body)}");
        }
    }

    [Fact]
    public async Task A_request_the_spec_refuses_gets_Feishus_field_validation_answer_naming_every_problem()
    {
        // Sent around the client, which would refuse it before sending: the fake checks what arrives, as Feishu does.
        using var http = await AuthorizedHttpAsync();
        using var answer = await http.PostAsync(
            "/open-apis/corehr/v2/probation/assessments?user_id_type=no_such_type",
            new StringContent("""{"assessments":[{"assessment_status":"finished","assessment_score":"high"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal(99992402, (int)body["code"]!);
        Assert.Equal("field validation failed", (string)body["msg"]!);
        Assert.Equal(answer.Headers.GetValues("X-Tt-Logid").Single(), (string)body["error"]!["log_id"]!);
        var fields = body["error"]!["field_violations"]!.AsArray().Select(v => (string)v!["field"]!).ToList();
        // A value of the wrong JSON type stops the reading there, as a JSON decoder does: the one problem it names.
        Assert.Equal(["assessments[0].assessment_score"], fields);

        using var second = await http.PostAsync(
            "/open-apis/corehr/v2/probation/assessments?user_id_type=no_such_type",
            new StringContent("""{"assessments":[{"assessment_status":"finished"}]}""", Encoding.UTF8, "application/json"));
        var violations = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["error"]!["field_violations"]!.AsArray()
            .Select(v => (string)v!["field"]! + ": " + (string)v!["description"]!).ToList();
        Assert.Contains(violations, v => v.StartsWith("employment_id: ", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("user_id_type: ", StringComparison.Ordinal) && v.Contains("no_such_type", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("assessments[0].assessment_status: ", StringComparison.Ordinal) && v.Contains("finished", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("assessments[0].is_final_asssessment: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_value_that_is_not_of_its_type_and_a_body_that_is_not_JSON_are_refused()
    {
        using var http = await AuthorizedHttpAsync();
        using var badQuery = await http.PostAsync("/open-apis/corehr/v2/probation/search?page_size=ten", new StringContent("{}", Encoding.UTF8, "application/json"));
        var badQueryBody = JsonNode.Parse(await badQuery.Content.ReadAsStringAsync())!;
        Assert.Equal(99992402, (int)badQueryBody["code"]!);
        Assert.Equal("page_size", (string)badQueryBody["error"]!["field_violations"]![0]!["field"]!);

        using var notJson = await http.PostAsync("/open-apis/corehr/v2/probation/search?page_size=10", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var notJsonBody = JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("the body is not a JSON object", (string)notJsonBody["error"]!["field_violations"]![0]!["description"]!);

        using var valid = await http.PostAsync("/open-apis/corehr/v2/probation/search?page_size=10", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task The_client_meets_a_refusal_as_a_FeishuApiException_with_Feishus_code_and_log_id()
    {
        // The fake's spec says page_size may be at most 100; a test that loosens the client's check (a hand-written
        // request) would still be refused by the fake. Here the fake is scripted to refuse once, then answers as usual.
        var refusal = FakeAnswer.FieldViolations([new FeishuValidationError("page_size", "the max value is 100")], logId: "20261203-refused");
        _fake.MapScript(Gen.SearchProbationRequest.FeishuEndpoint, refusal, FakeAnswer.BuiltIn);

        var failure = await Assert.ThrowsAsync<FeishuApiException>(() => _feishu.Corehr.V2.Probation.SearchAsync(new Gen.SearchProbationRequest { PageSize = 10 }));
        Assert.Equal(99992402, failure.Code);
        Assert.Equal(HttpStatusCode.BadRequest, failure.HttpStatus);
        Assert.Equal("20261203-refused", failure.LogId);

        var then = await _feishu.Corehr.V2.Probation.SearchAsync(new Gen.SearchProbationRequest { PageSize = 10 });
        Assert.Single(then.Items);
    }

    [Fact]
    public async Task Scripted_faults_play_before_the_spec_answers_and_the_requests_read_back_typed()
    {
        _fake.MapScript(
            Gen.CreateProbationAssessmentRequest.FeishuEndpoint,
            FakeAnswer.Error(500, 1160000, "internal error"),
            FakeAnswer.Error(429, 99991400, "request trigger frequency limit").WithHeader("x-ogw-ratelimit-reset", "0"),
            FakeAnswer.BuiltIn);

        var created = await _feishu.Corehr.V2.ProbationAssessment.CreateAsync(new Gen.CreateProbationAssessmentRequest
        {
            EmploymentId = "7140964208476371111",
            UserIdType = Gen.UserIdType.OpenId,
            Assessments = [new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = Gen.AssessmentStatus.NoNeed, IsFinalAsssessment = true, AssessmentScore = 88.5 }],
        });

        Assert.Equal(["7140964208476371991"], created.AssessmentIds);
        var received = _fake.RequestsTo(Gen.CreateProbationAssessmentRequest.FeishuEndpoint);
        Assert.Equal([500, 429, 200], received.Select(r => r.Answer!.StatusCode));
        var sent = received[^1].ReadAs<Gen.CreateProbationAssessmentRequest>();
        Assert.Equal("7140964208476371111", sent.EmploymentId);
        Assert.Equal(Gen.UserIdType.OpenId, sent.UserIdType);
        var assessment = Assert.Single(sent.Assessments!);
        Assert.Equal(Gen.AssessmentStatus.NoNeed, assessment.AssessmentStatus);
        Assert.Equal(88.5, assessment.AssessmentScore);
        // One call, one idempotency key on every attempt.
        Assert.Single(received.Select(r => r.ReadAs<Gen.CreateProbationAssessmentRequest>().ClientToken).Distinct());
    }

    [Fact]
    public async Task A_walk_over_every_page_gets_the_example_page_then_the_same_page_as_the_last()
    {
        var items = new List<Gen.SearchProbation.ProbationInfo>();
        await foreach (var item in _feishu.Corehr.V2.Probation.SearchAllAsync(new Gen.SearchProbationRequest { PageSize = 10 }))
        {
            items.Add(item);
        }

        Assert.Equal(2, items.Count);
        var pages = _fake.RequestsTo(Gen.SearchProbationRequest.FeishuEndpoint);
        Assert.Empty(pages[0].Query("page_token"));
        Assert.Equal(["eVQrYzJBNDNONlk4VFZBZVlSdzlKdFJ4bVVHVExENDNKVHoxaVdiVnViQT0="], pages[1].Query("page_token"));
        var last = JsonNode.Parse(pages[1].Answer!.Body)!["data"]!;
        Assert.False((bool)last["has_more"]!);
        Assert.Null(last["page_token"]);
        Assert.Contains("中文示例", Encoding.UTF8.GetString(pages[1].Answer!.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_or_dropped_answer_is_played_as_scripted()
    {
        using var feishu = new FeishuClient(new FeishuClientOptions
        {
            AppId = _fake.ClientOptions().AppId,
            AppSecret = _fake.ClientOptions().AppSecret,
            BaseAddress = _fake.BaseAddress,
            // Long enough for the warm-up call on a loaded machine; the stalled attempts below always use all of it.
            AttemptTimeout = TimeSpan.FromSeconds(3),
            Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });
        // The token first, so the attempts below are the scripted ones and no other.
        await feishu.Corehr.V2.Probation.EnableDisableAssessmentAsync(new Gen.EnableDisableAssessmentProbationRequest { Active = true });
        _fake.MapScript(
            Gen.CreateProbationAssessmentRequest.FeishuEndpoint,
            FakeAnswer.Success("{}").WithDelay(Timeout.InfiniteTimeSpan),
            FakeAnswer.Success("{}").DroppedAfter(3),
            FakeAnswer.BuiltIn);
        _fake.MapScript(Gen.EditProbationRequest.FeishuEndpoint, FakeAnswer.Success("{}").WithDelay(Timeout.InfiniteTimeSpan));

        // Create has an idempotency key: a stalled and a dropped attempt are resent, with the same key.
        var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(new Gen.CreateProbationAssessmentRequest
        {
            EmploymentId = "7140964208476371111",
            Assessments = [new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = Gen.AssessmentStatus.Completed, IsFinalAsssessment = true }],
        });
        Assert.Equal(["7140964208476371991"], created.AssessmentIds);
        Assert.Equal(3, _fake.RequestsTo(Gen.CreateProbationAssessmentRequest.FeishuEndpoint).Count);

        // Edit has none: the stalled attempt reached the server, and the call gives up rather than risk editing twice.
        var failure = await Assert.ThrowsAsync<FeishuTransientException>(() => feishu.Corehr.V2.Probation.EditAsync(new Gen.EditProbationRequest { EmploymentId = "1" }));
        Assert.Equal(1, failure.Attempts);
        Assert.Single(_fake.RequestsTo(Gen.EditProbationRequest.FeishuEndpoint));
    }

    [Fact]
    public async Task Every_kind_of_parameter_reads_back_as_sent_and_passes_the_fakes_check()
    {
        await _feishu.Kitchen.V1.TestKitchenSink.UpdateAsync(KitchenSinkTests.Valid());

        var received = Assert.Single(_fake.RequestsTo(Kitchen.UpdateTestKitchenSinkRequest.FeishuEndpoint));
        Assert.Equal(200, received.Answer!.StatusCode);
        var sent = received.ReadAs<Kitchen.UpdateTestKitchenSinkRequest>();
        Assert.Equal("a/b ?#../中", sent.SinkId);          // percent-decoded path value
        Assert.Equal(42L, sent.ItemNo);                     // int64 path value
        Assert.Equal(["1", "2"], sent.Ids);                 // repeated query parameter
        Assert.Equal([Kitchen.UpdateTestKitchenSink.StatusFilter.Active, Kitchen.UpdateTestKitchenSink.StatusFilter.Inactive], sent.StatusFilter);
        Assert.Equal(0.5, sent.Ratio);
        Assert.True(sent.Verbose);
        Assert.Equal(4_000_000_000L, sent.Count);
        Assert.Equal("北京", sent.Address!.City);
        Assert.Equal(Kitchen.ContactKind.Email, Assert.Single(sent.Contacts!).Kind);
        Assert.False(sent._2fa);
        Assert.Empty(sent.Validate());
        Assert.Throws<InvalidOperationException>(() => received.ReadAs<Gen.CreateProbationAssessmentRequest>());
    }

    [Fact]
    public async Task A_path_the_fake_does_not_serve_gets_404()
    {
        using var http = await AuthorizedHttpAsync();
        using var answer = await http.GetAsync("/open-apis/corehr/v2/nothing");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    private static IReadOnlyList<FeishuEndpointContract> Contracts<TClient>() where TClient : class, IFeishuClient<TClient> => TClient.EndpointContracts;

    private async Task<HttpClient> AuthorizedHttpAsync()
    {
        var http = new HttpClient { BaseAddress = _fake.BaseAddress };
        var options = _fake.ClientOptions();
        using var token = await http.PostAsync(FakeFeishu.TokenPath, new StringContent($$"""{"app_id":"{{options.AppId}}","app_secret":"{{options.AppSecret}}"}""", Encoding.UTF8, "application/json"));
        var value = (string)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["tenant_access_token"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", value);
        return http;
    }
}
