using System.Text.Json.Nodes;
using FeishuApiGen.Testing;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// The probation family of specs (spec/corehr/v2/probation/): each doc request example, built with the generated types,
/// must reach the loopback stand-in as the doc's JSON on the right method, path and query; each doc response example
/// must come back typed; a request that breaks its spec must be refused, naming every problem, before anything is sent.
/// </summary>
public sealed class ProbationFamilyTests : LoopbackClientTest
{
    private const string AssessmentRoute = "/open-apis/corehr/v2/probation/assessments/:assessment_id";
    private const string AssessmentPath = "/open-apis/corehr/v2/probation/assessments/7140964208476371331";
    private const string DocAssessmentId = "7140964208476371331";
    private const string DocClientToken = "6822122262122064111";

    private static readonly SpecExample PatchDoc = SpecExamples.Of("corehr/v2/corehr.v2.probation.assessment.patch.yaml");
    private static readonly SpecExample DeleteDoc = SpecExamples.Of("corehr/v2/corehr.v2.probation.assessment.delete.yaml");
    private static readonly SpecExample EnableDisableDoc = SpecExamples.Of("corehr/v2/corehr.v2.probation.enable_disable_assessment.yaml");
    private static readonly SpecExample SearchDoc = SpecExamples.Of("corehr/v2/corehr.v2.probation.search.yaml");
    private static readonly SpecExample SubmitDoc = SpecExamples.Of("corehr/v2/corehr.v2.probation.submit.yaml");
    private static readonly SpecExample WithdrawDoc = SpecExamples.Of("corehr/v2/corehr.v2.probation.withdraw.yaml");

    private static Gen.PatchProbationAssessmentRequest PatchDocRequest() => new()
    {
        AssessmentId = DocAssessmentId,
        ClientToken = DocClientToken,
        AssessmentStatus = Gen.AssessmentStatus.Completed,
        AssessmentResult = Gen.AssessmentResult.Approved,
        AssessmentScore = 99.9,
        AssessmentGrade = "grade_a",
        AssessmentComment = "超出预期",
        AssessmentDetail = "暂无示例",
        IsFinalAsssessment = false,
    };

    private static Gen.SearchProbationRequest SearchDocRequest() => new()
    {
        PageSize = 100,
        EmploymentIds = ["7140964208476371111"],
        DepartmentIds = ["7140964208476371121"],
        ProbationStartDateStart = "2022-05-18",
        ProbationStartDateEnd = "2022-05-20",
        ProbationExpectedEndDateStart = "2022-06-20",
        ProbationExpectedEndDateEnd = "2022-07-20",
        ActualProbationEndDateStart = "2022-08-20",
        ActualProbationEndDateEnd = "2022-09-20",
        InitiatingTimeStart = "2022-10-20",
        InitiatingTimeEnd = "2022-11-20",
        ProbationStatus = Gen.SearchProbation.ProbationStatus.Approved,
        FinalAssessmentResult = Gen.SearchProbation.FinalAssessmentResult.Approved,
        FinalAssessmentGrade = "grade_a",
    };

    private static Gen.SubmitProbationRequest SubmitDocRequest() => new()
    {
        EmploymentId = "7140964208476371111",
        ConversionMode = 1,
        ActualProbationEndDate = "2022-05-20",
        SubmissionType = Gen.SubmitProbation.SubmissionType.System,
        InitiatorId = "7140964208476371111",
        Notes = "符合预期",
        SelfReview = "符合预期",
        CustomFields =
        [
            new CustomFieldData
            {
                CustomApiName = "name",
                Name = new CustomName { ZhCn = "自定义姓名", EnUs = "Custom Name" },
                Type = 1,
                Value = "231",
            },
        ],
    };

    [Fact]
    public async Task Patch_sends_the_doc_example_to_the_assessment_path_and_reads_the_doc_answer()
    {
        Server.Map("PATCH", AssessmentRoute, _ => FakeAnswer.Json(200, PatchDoc.ResponseJson));

        var answer = await Feishu.Corehr.V2.ProbationAssessment.PatchAsync(PatchDocRequest());

        Assert.NotNull(answer);
        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("PATCH", sent.Method);
        Assert.Equal(AssessmentPath, sent.Path);
        Assert.Equal("?client_token=" + DocClientToken, sent.QueryString);
        AssertSameJson(PatchDoc.RequestJson, sent.Body);
        Assert.Equal("application/json; charset=utf-8", sent.Header("Content-Type"));
    }

    [Fact]
    public async Task Patch_percent_encodes_the_assessment_id_so_it_stays_one_path_segment()
    {
        Server.Map("PATCH", AssessmentRoute, _ => FakeAnswer.Json(200, PatchDoc.ResponseJson));
        var request = PatchDocRequest();
        request.AssessmentId = "71/40 ?#..中";

        await Feishu.Corehr.V2.ProbationAssessment.PatchAsync(request);

        Assert.Equal("/open-apis/corehr/v2/probation/assessments/71%2F40%20%3F%23..%E4%B8%AD", Assert.Single(Server.ApiRequests).Path);
    }

    [Fact]
    public async Task Patch_without_its_required_members_is_refused_naming_each_and_nothing_is_sent()
    {
        var request = new Gen.PatchProbationAssessmentRequest { AssessmentId = null, AssessmentStatus = null, IsFinalAsssessment = null, AssessmentResult = Gen.AssessmentResult.Approved };

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.ProbationAssessment.PatchAsync(request));

        Assert.Equal(["assessment_id", "assessment_status", "is_final_asssessment"], refused.Errors.Select(e => e.Path));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Patch_accepts_only_the_assessment_statuses_its_doc_lists()
    {
        var request = PatchDocRequest();
        request.AssessmentStatus = "finished";

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.ProbationAssessment.PatchAsync(request));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("assessment_status", error.Path);
        Assert.Contains("'finished' is not one of: not_started, in_process, completed, no_need", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Delete_sends_no_body_and_reads_the_doc_answer()
    {
        Server.Map("DELETE", AssessmentRoute, _ => FakeAnswer.Json(200, DeleteDoc.ResponseJson));

        var answer = await Feishu.Corehr.V2.ProbationAssessment.DeleteAsync(new Gen.DeleteProbationAssessmentRequest { AssessmentId = DocAssessmentId });

        Assert.NotNull(answer);
        Assert.Null(DeleteDoc.Request);
        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("DELETE", sent.Method);
        Assert.Equal(AssessmentPath, sent.Path);
        Assert.Equal(string.Empty, sent.QueryString);
        // The doc page has no request body for this DELETE, and the official Go SDK sends none when a request has no body.
        Assert.Equal(string.Empty, sent.Body);
        Assert.Null(sent.Header("Content-Type"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Delete_without_an_assessment_id_is_refused_and_nothing_is_sent(string? assessmentId)
    {
        var request = new Gen.DeleteProbationAssessmentRequest { AssessmentId = assessmentId };

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.ProbationAssessment.DeleteAsync(request));

        Assert.Equal("assessment_id", Assert.Single(refused.Errors).Path);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Enable_disable_assessment_sends_the_doc_example_and_reads_the_doc_answer()
    {
        const string Path = "/open-apis/corehr/v2/probation/enable_disable_assessment";
        Server.Map("POST", Path, _ => FakeAnswer.Json(200, EnableDisableDoc.ResponseJson));

        var answer = await Feishu.Corehr.V2.Probation.EnableDisableAssessmentAsync(new Gen.EnableDisableAssessmentProbationRequest
        {
            Active = true,
            AppUrl = "https://qwe111.feishuapp.bytedance.net/ae/ui/apps/176612345027111/appPages/l11bsrwss13yt?dataGrid%41pye4fsbajo21l=%7B%7D&key=ffm41o1&dataGrid%41wmv98t29vif3kj=%1B%7D",
        });

        Assert.NotNull(answer);
        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(Path, sent.Path);
        Assert.Equal(string.Empty, sent.QueryString);
        AssertSameJson(EnableDisableDoc.RequestJson, sent.Body);
    }

    [Fact]
    public async Task Enable_disable_assessment_without_active_is_refused_and_nothing_is_sent()
    {
        var request = new Gen.EnableDisableAssessmentProbationRequest { Active = null, AppUrl = "https://example.com/probation" };

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.Probation.EnableDisableAssessmentAsync(request));

        Assert.Equal("active", Assert.Single(refused.Errors).Path);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Search_sends_one_page_with_its_query_and_the_doc_body_and_reads_the_doc_page()
    {
        const string Path = "/open-apis/corehr/v2/probation/search";
        Server.Map("POST", Path, _ => FakeAnswer.Json(200, SearchDoc.ResponseJson));
        var request = SearchDocRequest();
        request.PageToken = "6891251722631890445";
        request.UserIdType = Gen.UserIdType.OpenId;
        request.DepartmentIdType = Gen.DepartmentIdType.OpenDepartmentId;

        var page = await Feishu.Corehr.V2.Probation.SearchAsync(request);

        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(Path, sent.Path);
        Assert.Equal("?page_size=100&page_token=6891251722631890445&user_id_type=open_id&department_id_type=open_department_id", sent.QueryString);
        AssertSameJson(SearchDoc.RequestJson, sent.Body);

        Assert.True(page.HasMore);
        Assert.Equal("eVQrYzJBNDNONlk4VFZBZVlSdzlKdFJ4bVVHVExENDNKVHoxaVdiVnViQT0=", page.PageToken);
        var item = Assert.Single(page.Items);
        Assert.Equal("6893014062142064135", item.EmploymentId);
        Assert.Equal("6893014062142064132", item.ProbationId);
        Assert.Equal("2022-05-20", item.ProbationStartDate);
        Assert.Equal("2022-05-28", item.ProbationExpectedEndDate);
        Assert.Equal("2022-06-28", item.ActualProbationEndDate);
        Assert.Equal("2022-07-28", item.InitiatingTime);
        AssertDocEnum(item.SubmissionType, "中文示例");
        Assert.Equal("6893014062142061135", item.InitiatorId);
        AssertDocEnum(item.ProbationStatus, "中文示例");
        Assert.Equal("符合预期", item.SelfReview);
        Assert.Equal("高潜", item.Notes);
        Assert.Equal("6893014062142164135", item.ProcessId);
        Assert.False(item.ConvertedViaBpm);
        var customField = Assert.Single(item.CustomFields);
        Assert.Equal("name", customField.CustomApiName);
        Assert.Equal("自定义姓名", customField.Name!.ZhCn);
        Assert.Equal("Custom Name", customField.Name.EnUs);
        Assert.Equal(1, customField.Type);
        Assert.Equal("\"231\"", customField.Value);
        AssertDocEnum(item.FinalAssessmentStatus, "中文示例");
        AssertDocEnum(item.FinalAssessmentResult, "中文示例");
        Assert.Equal(99.9, item.FinalAssessmentScore);
        AssertDocEnum(item.FinalAssessmentGrade, "中文示例");
        Assert.Equal("超出预期", item.FinalAssessmentComment);
        Assert.StartsWith("https://qwe112233.feishuapp.bytedance.net/", item.FinalAssessmentDetail, StringComparison.Ordinal);
        var assessment = Assert.Single(item.Assessments);
        Assert.Equal("6893014061142064135", assessment.AssessmentId);
        AssertDocEnum(assessment.AssessmentStatus, "中文示例");
        AssertDocEnum(assessment.AssessmentResult, "中文示例");
        Assert.Equal(99.9, assessment.AssessmentScore);
        AssertDocEnum(assessment.AssessmentGrade, "中文示例");
        Assert.Equal("超出预期", assessment.AssessmentComment);
        Assert.StartsWith("https://qwe1123433.feishuapp.bytedance.net/", assessment.AssessmentDetail, StringComparison.Ordinal);
        Assert.False(assessment.IsFinalAsssessment);
        Assert.Equal("2022-05-20", item.ProbationExtendExpectedEndDate);
        Assert.Equal(1, item.ExtendedProbationPeriodDuration);
        AssertDocEnum(item.ExtendedProbationPeriodUnit, "中文示例");
        AssertDocEnum(item.ProbationOutcome, "中文示例");
    }

    [Fact]
    public async Task Search_refuses_a_missing_page_size_and_values_outside_the_doc_s_rules_and_nothing_is_sent()
    {
        var request = SearchDocRequest();
        request.PageSize = null;
        request.ProbationStartDateStart = "2022-5-18";
        request.ProbationStatus = "archived";
        var tooLarge = SearchDocRequest();
        tooLarge.PageSize = 101;

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.Probation.SearchAsync(request));
        var refusedSize = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.Probation.SearchAsync(tooLarge));

        Assert.Equal(["page_size", "probation_start_date_start", "probation_status"], refused.Errors.Select(e => e.Path));
        Assert.Equal("page_size", Assert.Single(refusedSize.Errors).Path);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_permission_error_from_search_names_both_scopes_that_would_do()
    {
        Server.Map("POST", "/open-apis/corehr/v2/probation/search", _ => FakeAnswer.Error(400, 99991672, "Access denied. One of the following scopes is required"));

        var failure = await Assert.ThrowsAsync<FeishuApiException>(() => Feishu.Corehr.V2.Probation.SearchAsync(SearchDocRequest()));

        Assert.Equal(["corehr:probation:read", "corehr:probation:write"], failure.RequiredScopes);
    }

    [Fact]
    public async Task Submit_sends_the_doc_example_and_reads_the_doc_answer()
    {
        const string Path = "/open-apis/corehr/v2/probation/submit";
        Server.Map("POST", Path, _ => FakeAnswer.Json(200, SubmitDoc.ResponseJson));
        var request = SubmitDocRequest();
        request.ClientToken = DocClientToken;
        request.UserIdType = Gen.UserIdType.PeopleCorehrId;

        var answer = await Feishu.Corehr.V2.Probation.SubmitAsync(request);

        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(Path, sent.Path);
        Assert.Equal("?client_token=" + DocClientToken + "&user_id_type=people_corehr_id", sent.QueryString);
        AssertSameJson(SubmitDoc.RequestJson, sent.Body);

        var info = answer.ProbationInfo;
        Assert.NotNull(info);
        Assert.Equal("6893014062142064135", info.EmploymentId);
        Assert.Equal("6893014062142064132", info.ProbationId);
        Assert.Equal("2022-05-20", info.ProbationStartDate);
        Assert.Equal("2022-05-28", info.ProbationExpectedEndDate);
        Assert.Equal("2022-06-28", info.ActualProbationEndDate);
        Assert.Equal("2022-07-28", info.InitiatingTime);
        AssertDocEnum(info.SubmissionType, "张三");
        Assert.Equal("6893014062142061135", info.InitiatorId);
        AssertDocEnum(info.ProbationStatus, "张三");
        Assert.Equal("符合预期", info.SelfReview);
        Assert.Equal("高潜", info.Notes);
        Assert.Equal("6893014062142164135", info.ProcessId);
        Assert.False(info.ConvertedViaBpm);
        var customField = Assert.Single(info.CustomFields);
        Assert.Equal("name", customField.CustomApiName);
        Assert.Equal("Custom Name", customField.Name!.EnUs);
        Assert.Equal(1, customField.Type);
        Assert.Equal("231", customField.Value);
        AssertDocEnum(info.FinalAssessmentStatus, "张三");
        AssertDocEnum(info.FinalAssessmentResult, "张三");
        Assert.Equal(99.9, info.FinalAssessmentScore);
        AssertDocEnum(info.FinalAssessmentGrade, "张三");
        Assert.Equal("超出预期", info.FinalAssessmentComment);
        Assert.Equal("暂无示例", info.FinalAssessmentDetail);
    }

    [Fact]
    public async Task Submit_refuses_missing_required_members_and_a_conversion_mode_the_doc_does_not_list()
    {
        var request = new Gen.SubmitProbationRequest
        {
            EmploymentId = null,
            SubmissionType = null,
            ConversionMode = 3,
            ActualProbationEndDate = "2022/05/20",
            CustomFields = [new CustomFieldData { Type = 1 }],
        };

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.Probation.SubmitAsync(request));

        Assert.Equal(
            ["employment_id", "conversion_mode", "actual_probation_end_date", "submission_type", "custom_fields[0].custom_api_name", "custom_fields[0].value"],
            refused.Errors.Select(e => e.Path));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Withdraw_sends_the_doc_example_and_reads_the_doc_answer()
    {
        const string Path = "/open-apis/corehr/v2/probation/withdraw";
        Server.Map("POST", Path, _ => FakeAnswer.Json(200, WithdrawDoc.ResponseJson));

        var answer = await Feishu.Corehr.V2.Probation.WithdrawAsync(new Gen.WithdrawProbationRequest
        {
            EmploymentId = "7140964208476371111",
            ClientToken = DocClientToken,
        });

        Assert.NotNull(answer);
        var sent = Assert.Single(Server.ApiRequests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(Path, sent.Path);
        // user_id_type was left unset: its documented default is sent.
        Assert.Equal("?client_token=" + DocClientToken + "&user_id_type=open_id", sent.QueryString);
        AssertSameJson(WithdrawDoc.RequestJson, sent.Body);
    }

    [Fact]
    public async Task Withdraw_without_an_employment_id_is_refused_and_nothing_is_sent()
    {
        var request = new Gen.WithdrawProbationRequest { EmploymentId = null, UserIdType = Gen.UserIdType.UserId };

        var refused = await Assert.ThrowsAsync<FeishuValidationException>(() => Feishu.Corehr.V2.Probation.WithdrawAsync(request));

        Assert.Equal("employment_id", Assert.Single(refused.Errors).Path);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void The_endpoint_metadata_carries_each_doc_page_s_facts()
    {
        var perMinute100 = new FeishuRateLimit(100, TimeSpan.FromMinutes(1));
        AssertEndpoint(Gen.PatchProbationAssessmentRequest.FeishuEndpoint, "corehr.v2.probation.assessment.patch", HttpMethod.Patch, AssessmentRoute, ["corehr:probation.assessment:write"], [perMinute100]);
        AssertEndpoint(Gen.DeleteProbationAssessmentRequest.FeishuEndpoint, "corehr.v2.probation.assessment.delete", HttpMethod.Delete, AssessmentRoute, ["corehr:probation.assessment:write"], [perMinute100]);
        AssertEndpoint(
            Gen.EnableDisableAssessmentProbationRequest.FeishuEndpoint,
            "corehr.v2.probation.enable_disable_assessment",
            HttpMethod.Post,
            "/open-apis/corehr/v2/probation/enable_disable_assessment",
            ["corehr:probation.assessment:write"],
            [perMinute100]);
        AssertEndpoint(
            Gen.SearchProbationRequest.FeishuEndpoint,
            "corehr.v2.probation.search",
            HttpMethod.Post,
            "/open-apis/corehr/v2/probation/search",
            ["corehr:probation:read", "corehr:probation:write"],
            [new FeishuRateLimit(1000, TimeSpan.FromMinutes(1)), new FeishuRateLimit(50, TimeSpan.FromSeconds(1))]);
        AssertEndpoint(Gen.SubmitProbationRequest.FeishuEndpoint, "corehr.v2.probation.submit", HttpMethod.Post, "/open-apis/corehr/v2/probation/submit", ["corehr:probation:write"], [perMinute100]);
        AssertEndpoint(Gen.WithdrawProbationRequest.FeishuEndpoint, "corehr.v2.probation.withdraw", HttpMethod.Post, "/open-apis/corehr/v2/probation/withdraw", ["corehr:probation:write"], [perMinute100]);
    }

    [Fact]
    public void Search_and_submit_share_one_type_for_each_object_of_the_same_shape()
    {
        Gen.SearchProbation.ProbationInfo searched = new() { SubmissionType = new EnumValue { EnumName = "system" }, CustomFields = [new CustomFieldData()] };
        Gen.SubmitProbation.ProbationInfoForSubmit submitted = new() { SubmissionType = searched.SubmissionType, CustomFields = searched.CustomFields };
        var submitRequest = new Gen.SubmitProbationRequest { EmploymentId = null, SubmissionType = null, ConversionMode = null, CustomFields = searched.CustomFields };

        Assert.Same(searched.SubmissionType, submitted.SubmissionType);
        Assert.Same(searched.CustomFields, submitRequest.CustomFields);
    }

    [Fact]
    public async Task Search_all_walks_every_page_with_the_same_body_and_each_pages_token()
    {
        const string SearchPath = "/open-apis/corehr/v2/probation/search";
        Server.Map("POST", SearchPath, request =>
        {
            var (ids, next) = (request.Query("page_token").SingleOrDefault() ?? string.Empty) switch
            {
                "" => (new[] { "e1", "e2" }, "p2"),
                "p2" => (new[] { "e3" }, "p3"),
                _ => (new[] { "e4" }, string.Empty),
            };
            var items = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["employment_id"] = id }).ToArray());
            var data = new JsonObject { ["items"] = items, ["page_token"] = next, ["has_more"] = next.Length > 0 };
            return FakeAnswer.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "success", ["data"] = data }.ToJsonString());
        });
        var request = new Gen.SearchProbationRequest { PageSize = 2, EmploymentIds = ["e1", "e2", "e3", "e4"] };

        var found = new List<string>();
        await foreach (var item in Feishu.Corehr.V2.Probation.SearchAllAsync(request))
        {
            found.Add(item.EmploymentId!);
        }

        Assert.Equal(["e1", "e2", "e3", "e4"], found);
        var sent = Server.ApiRequests;
        Assert.Equal([[], ["p2"], ["p3"]], sent.Select(r => r.Query("page_token")));
        Assert.All(sent, r => Assert.Equal(["2"], r.Query("page_size")));
        // Every page repeats the caller's filter.
        Assert.All(sent, r => AssertSameJson("""{"employment_ids": ["e1", "e2", "e3", "e4"]}""", r.Body));
    }

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), "expected " + expected + "\nbut sent " + actual);

    /// <summary>Every enum-like object in the doc examples reads <c>phone_type</c> with one zh-CN display text.</summary>
    private static void AssertDocEnum(EnumValue? value, string zhCnText)
    {
        Assert.NotNull(value);
        Assert.Equal("phone_type", value.EnumName);
        var display = Assert.Single(value.Display);
        Assert.Equal("zh-CN", display.Lang);
        Assert.Equal(zhCnText, display.Value);
    }

    private static void AssertEndpoint(FeishuEndpoint endpoint, string id, HttpMethod method, string path, string[] scopes, FeishuRateLimit[] rateLimits)
    {
        Assert.Equal(id, endpoint.Id);
        Assert.Equal(method, endpoint.Method);
        Assert.Equal(path, endpoint.PathTemplate);
        Assert.Equal(FeishuAccessTokenTypes.Tenant, endpoint.AccessTokens);
        Assert.Equal(scopes, endpoint.Scopes);
        Assert.Equal(rateLimits, endpoint.RateLimits);
    }
}
