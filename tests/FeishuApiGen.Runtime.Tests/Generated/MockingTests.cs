using Feishu;
using Moq;
using NSubstitute;
using Gen = Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// Unit tests of code that calls the generated client, as users write them: the client mocked at any depth with the two
/// common mocking libraries, and responses built with the generated model factory.
/// </summary>
public sealed class MockingTests
{
    /// <summary>The code under test: what a user's service does with the client.</summary>
    private static async Task<string> CreateAssessmentAsync(FeishuClient feishu, string employmentId)
    {
        var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(new Gen.CreateProbationAssessmentRequest
        {
            EmploymentId = employmentId,
            Assessments = [new Gen.CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = Gen.AssessmentStatus.Completed, IsFinalAsssessment = true }],
        });
        return created.AssessmentIds[0] + " (log " + created.GetRawAnswer().LogId + ")";
    }

    private static Gen.CreateProbationAssessmentResponse Created() =>
        Gen.CorehrV2ModelFactory.CreateProbationAssessmentResponse(
            assessmentIds: ["7140964208476371991"],
            rawAnswer: FeishuModelFactory.RawAnswer(logId: "20261203-mocked", headers: [new("x-ogw-ratelimit-limit", "50")]));

    [Fact]
    public async Task NSubstitute_mocks_an_endpoint_three_groups_deep_with_no_setup_of_the_groups()
    {
        var feishu = Substitute.For<FeishuClient>();
        feishu.Corehr.V2.ProbationAssessment
            .CreateAsync(Arg.Is<Gen.CreateProbationAssessmentRequest>(r => r.EmploymentId == "e1"), Arg.Any<CancellationToken>())
            .Returns(Created());

        Assert.Equal("7140964208476371991 (log 20261203-mocked)", await CreateAssessmentAsync(feishu, "e1"));
        Assert.Equal(50, Created().GetRawAnswer().RateLimitLimit);
        await feishu.Corehr.V2.ProbationAssessment.Received(1).CreateAsync(Arg.Any<Gen.CreateProbationAssessmentRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Moq_mocks_an_endpoint_through_a_recursive_setup()
    {
        var feishu = new Mock<FeishuClient> { DefaultValue = DefaultValue.Mock };
        feishu.Setup(c => c.Corehr.V2.ProbationAssessment.CreateAsync(It.Is<Gen.CreateProbationAssessmentRequest>(r => r.EmploymentId == "e2"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Created());

        Assert.Equal("7140964208476371991 (log 20261203-mocked)", await CreateAssessmentAsync(feishu.Object, "e2"));
        feishu.Verify(c => c.Corehr.V2.ProbationAssessment.CreateAsync(It.IsAny<Gen.CreateProbationAssessmentRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_paged_walk_can_be_mocked_and_the_factory_leaves_lists_empty_rather_than_null()
    {
        var feishu = Substitute.For<FeishuClient>();
        var page = Gen.CorehrV2ModelFactory.SearchProbationResponse(hasMore: false);
        feishu.Corehr.V2.Probation.SearchPagesAsync(Arg.Any<Gen.SearchProbationRequest>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Pages(page));

        var seen = new List<Gen.SearchProbationResponse>();
        await foreach (var p in feishu.Corehr.V2.Probation.SearchPagesAsync(new Gen.SearchProbationRequest { PageSize = 10 }))
        {
            seen.Add(p);
        }

        Assert.Same(page, Assert.Single(seen));
        Assert.Empty(page.Items);
        Assert.Null(page.PageToken);
        Assert.Equal(default, page.GetRawAnswer());
    }

    [Fact]
    public void A_member_a_mock_made_by_the_protected_constructor_did_not_set_up_says_so()
    {
        // A partial mock calls the real member, which has no connection to send with.
        var feishu = Substitute.ForPartsOf<FeishuClient>();
        var failure = Assert.Throws<InvalidOperationException>(() => feishu.Corehr.V2.Probation);
        Assert.Contains("for mocking", failure.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => feishu.Connection);
        feishu.Dispose();
    }

    private static async IAsyncEnumerable<Gen.SearchProbationResponse> Pages(params Gen.SearchProbationResponse[] pages)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }
    }
}
