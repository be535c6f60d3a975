using Feishu.Corehr.V2;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>The doc page's example request, as each client under test spells it, and the doc's answer.</summary>
internal static class SeedRequests
{
    public const string ClientToken = "6822122262122064111";

    public const string DocAnswer = """{"code": 0, "msg": "success", "data": {"assessment_ids": ["7140964208476371991"]}}""";

    public static CreateProbationAssessmentRequest Generated() => new()
    {
        ClientToken = ClientToken,
        UserIdType = UserIdType.OpenId,
        EmploymentId = "7140964208476371111",
        Assessments =
        [
            new CreateProbationAssessment.AssessmentForCreate
            {
                AssessmentStatus = AssessmentStatus.Completed,
                AssessmentResult = AssessmentResult.Approved,
                AssessmentScore = 99.9,
                AssessmentGrade = "grade_a",
                AssessmentComment = "超出预期",
                AssessmentDetail = "暂无示例",
                IsFinalAsssessment = false,
            },
        ],
    };

    public static AssessmentBody HandWritten() => new()
    {
        EmploymentId = "7140964208476371111",
        Assessments =
        [
            new AssessmentItem
            {
                AssessmentStatus = "completed",
                AssessmentResult = "approved",
                AssessmentScore = 99.9,
                AssessmentGrade = "grade_a",
                AssessmentComment = "超出预期",
                AssessmentDetail = "暂无示例",
                IsFinalAsssessment = false,
            },
        ],
    };
}
