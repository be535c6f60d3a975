using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeishuApiGen.Testing;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The code the generator emits for the shipped seed spec (spec/ is compiled into this project as
/// AdditionalFiles), driven through FeishuClient against the loopback stand-in.
/// </summary>
public sealed class GeneratedClientTests : LoopbackClientTest
{
    private const string CreatePath = "/open-apis/corehr/v2/probation/assessments";

    /// <summary>Every member of the doc's request example, set through the generated types.</summary>
    private static Gen.CreateProbationAssessmentRequest DocExampleRequest() => new()
    {
        EmploymentId = "7140964208476371111",
        Assessments =
        [
            new Gen.CreateProbationAssessment.AssessmentForCreate
            {
                AssessmentStatus = Gen.AssessmentStatus.Completed,
                AssessmentResult = Gen.AssessmentResult.Approved,
                AssessmentScore = 99.9,
                AssessmentGrade = "grade_a",
                AssessmentComment = "超出预期",
                AssessmentDetail = "暂无示例",
                IsFinalAsssessment = false,
            },
        ],
    };

    [Fact]
    public async Task The_doc_request_example_goes_out_as_the_doc_JSON_and_the_doc_response_example_comes_back_typed()
    {
        Server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, SeedSpecExamples.Response, logId: "log-1"));

        var created = await Feishu.Corehr.V2.ProbationAssessment.CreateAsync(DocExampleRequest());

        Assert.Equal(["7140964208476371991"], created.AssessmentIds);
        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(CreatePath, sent.Path);
        // The caller left client_token empty: the runtime filled a fresh idempotency key. It left user_id_type unset:
        // the spec's default is sent.
        var clientToken = Assert.Single(sent.Query("client_token"));
        Assert.Matches("^[0-9a-f]{32}$", clientToken);
        Assert.Equal("?client_token=" + clientToken + "&user_id_type=open_id", sent.QueryString);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SeedSpecExamples.Request), JsonNode.Parse(sent.Body)), "body: " + sent.Body);
        Assert.Equal("application/json; charset=utf-8", sent.Header("Content-Type"));
        Assert.Equal("Bearer " + Server.IssuedTokens.Single(), sent.Header("Authorization"));
    }

    [Fact]
    public async Task Query_members_travel_in_the_query_and_never_in_the_body()
    {
        Server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, SeedSpecExamples.Response));
        var request = DocExampleRequest();
        request.UserIdType = Gen.UserIdType.PeopleCorehrId;
        request.ClientToken = "6822122262122064111";

        await Feishu.Corehr.V2.ProbationAssessment.CreateAsync(request);

        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal(["6822122262122064111"], sent.Query("client_token"));
        Assert.Equal(["people_corehr_id"], sent.Query("user_id_type"));
        using var body = JsonDocument.Parse(sent.Body);
        Assert.False(body.RootElement.TryGetProperty("user_id_type", out _));
        Assert.False(body.RootElement.TryGetProperty("client_token", out _));
    }

    [Fact]
    public async Task One_token_serves_many_concurrent_calls()
    {
        Server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, SeedSpecExamples.Response));

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Feishu.Corehr.V2.ProbationAssessment.CreateAsync(DocExampleRequest())));

        Assert.Equal(1, Server.TokenRequests);
        Assert.Equal(32, Server.ApiRequests.Count);
    }

    [Fact]
    public async Task An_invalid_request_is_refused_naming_every_problem_and_nothing_is_sent()
    {
        // Required members the compiler asks for are set to null: the validator refuses them all the same.
        var request = new Gen.CreateProbationAssessmentRequest
        {
            EmploymentId = null,
            UserIdType = new Gen.UserIdType("email"),
            Assessments =
            [
                new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = "finished", IsFinalAsssessment = null, AssessmentResult = Gen.AssessmentResult.Rejected },
                new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = null, IsFinalAsssessment = true },
                null!,
            ],
        };

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.ProbationAssessment.CreateAsync(request));

        Assert.Equal(
            [
                "user_id_type",
                "employment_id",
                "assessments[0].assessment_status",
                "assessments[0].is_final_asssessment",
                "assessments[1].assessment_status",
                "assessments[2]",
            ],
            refused.Errors.Select(e => e.Path));
        Assert.Contains("'finished' is not one of: not_started, in_process, completed, no_need", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
        Assert.Equal(refused.Errors, request.Validate());
    }

    [Fact]
    public async Task A_non_zero_code_raises_FeishuApiException_with_code_msg_status_and_log_id()
    {
        Server.Map("POST", CreatePath, _ => FakeAnswer.Error(400, 1161001, "employment not found", logId: "202611260000000000001"));

        var failure = await Assert.ThrowsAsync<FeishuApiException>(() => Feishu.Corehr.V2.ProbationAssessment.CreateAsync(DocExampleRequest()));

        Assert.Equal(1161001, failure.Code);
        Assert.Equal("employment not found", failure.Msg);
        Assert.Equal(HttpStatusCode.BadRequest, failure.HttpStatus);
        Assert.Equal("202611260000000000001", failure.LogId);
        Assert.DoesNotContain(AppSecret, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permission_error_names_the_scopes_from_the_spec()
    {
        Server.Map("POST", CreatePath, _ => FakeAnswer.Error(400, 99991672, "Access denied. One of the following scopes is required"));

        var failure = await Assert.ThrowsAsync<FeishuApiException>(() => Feishu.Corehr.V2.ProbationAssessment.CreateAsync(DocExampleRequest()));

        Assert.Equal(["corehr:probation.assessment:write"], failure.RequiredScopes);
        Assert.Contains("corehr:probation.assessment:write", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_response_members_are_skipped()
    {
        Server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, """
            {"msg": "success", "data": {"future": {"nested": [1, {"x": null}]}, "assessment_ids": ["1", "2"], "more": true}, "code": 0}
            """));

        var created = await Feishu.Corehr.V2.ProbationAssessment.CreateAsync(DocExampleRequest());

        Assert.Equal(["1", "2"], created.AssessmentIds);
    }

    [Fact]
    public void Enum_values_the_spec_does_not_list_are_kept_not_rejected_and_compare_by_wire_value()
    {
        Gen.AssessmentStatus future = "paused_by_hr";

        Assert.False(future.IsKnown);
        Assert.Equal("paused_by_hr", future.Value);
        Assert.True(Gen.AssessmentStatus.Completed.IsKnown);
        Assert.Equal(Gen.AssessmentStatus.Completed, new Gen.AssessmentStatus("completed"));
        Assert.NotEqual(Gen.AssessmentStatus.Completed, future);
        Assert.False(default(Gen.AssessmentStatus).IsKnown);
    }

    [Fact]
    public void The_endpoint_metadata_carries_the_spec_facts()
    {
        var endpoint = Gen.CreateProbationAssessmentRequest.FeishuEndpoint;

        Assert.Equal("corehr.v2.probation.assessment.create", endpoint.Id);
        Assert.Equal(HttpMethod.Post, endpoint.Method);
        Assert.Equal(CreatePath, endpoint.PathTemplate);
        Assert.Equal(FeishuAccessTokenTypes.Tenant, endpoint.AccessTokens);
        Assert.Equal(["corehr:probation.assessment:write"], endpoint.Scopes);
        Assert.Equal([new FeishuRateLimit(100, TimeSpan.FromMinutes(1))], endpoint.RateLimits);
    }

    [Fact]
    public void Validating_a_valid_generated_request_allocates_nothing()
    {
        IFeishuRequest request = DocExampleRequest();
        Validate(request);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = Validate(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, errors);
        Assert.Equal(0, allocated);

        static int Validate(IFeishuRequest request)
        {
            var validator = new FeishuValidator();
            request.Validate(ref validator);
            return validator.ErrorCount;
        }
    }
}
