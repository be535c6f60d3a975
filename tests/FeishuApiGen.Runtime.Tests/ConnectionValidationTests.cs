using FeishuApiGen.Runtime.Tests.HandWritten;
using FeishuApiGen.Runtime.Tests.Support;

namespace FeishuApiGen.Runtime.Tests;

/// <summary>Requests that break the spec are refused before anything is sent.</summary>
public sealed class ConnectionValidationTests
{
    [Fact]
    public async Task Invalid_request_lists_every_violation_and_sends_nothing()
    {
        await using var harness = await LoopbackHarness.StartAsync();
        harness.MapSeedSuccess();
        var request = new CreateProbationAssessmentRequest
        {
            UserIdType = "email",
            Assessments =
            [
                new AssessmentForCreate { AssessmentStatus = "completed", IsFinalAsssessment = true },
                new AssessmentForCreate { AssessmentStatus = "done", AssessmentResult = "maybe" },
                null,
                new AssessmentForCreate { IsFinalAsssessment = false },
            ],
        };

        var ex = await Assert.ThrowsAsync<FeishuValidationException>(() => harness.CreateAsync(request));

        Assert.Equal("corehr.v2.probation.assessment.create", ex.EndpointId);
        Assert.Equal(
            [
                new FeishuValidationError("user_id_type", "'email' is not one of: open_id, union_id, user_id, people_corehr_id"),
                new FeishuValidationError("employment_id", "is required"),
                new FeishuValidationError("assessments[1].assessment_status", "'done' is not one of: not_started, in_process, completed, no_need"),
                new FeishuValidationError("assessments[1].assessment_result", "'maybe' is not one of: approved, rejected"),
                new FeishuValidationError("assessments[1].is_final_asssessment", "is required"),
                new FeishuValidationError("assessments[2]", "is required"),
                new FeishuValidationError("assessments[3].assessment_status", "is required"),
            ],
            ex.Errors);

        var lines = ex.Message.Split('\n');
        Assert.Equal(1 + ex.Errors.Count, lines.Length);
        Assert.Contains("7 problems", lines[0]);
        foreach (var error in ex.Errors)
        {
            Assert.Contains(lines, line => line.Trim() == $"{error.Path}: {error.Message}");
        }

        Assert.Contains("  assessments[1].assessment_status: 'done' is not one of: not_started, in_process, completed, no_need", lines);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, harness.Server.TokenRequests);
        SecretScan.AssertClean(ex, harness.Server);
    }

    [Fact]
    public async Task Missing_required_array_is_reported()
    {
        await using var harness = await LoopbackHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<FeishuValidationException>(
            () => harness.CreateAsync(new CreateProbationAssessmentRequest { EmploymentId = "1" }));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("assessments: is required", error.ToString());
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Empty_path_parameter_is_refused_before_sending()
    {
        await using var harness = await LoopbackHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<FeishuValidationException>(() => harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            GetThingRequest.Endpoint, new GetThingRequest { ThingId = "" }, default));

        Assert.Equal("thing_id: must not be empty", Assert.Single(ex.Errors).ToString());
        Assert.Empty(harness.Server.Requests);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_segment_path_parameter_is_refused_before_sending(string id)
    {
        await using var harness = await LoopbackHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Connection.SendAsync<GetThingRequest, RawDataResponse>(
            GetThingRequest.Endpoint, new GetThingRequest { ThingId = id }, default));

        Assert.Empty(harness.Server.Requests);
    }
}
