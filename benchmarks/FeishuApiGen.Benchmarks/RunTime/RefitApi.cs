using Refit;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>The seed endpoint as a Refit 16 interface, over the hand-written DTOs and their source-generated JSON context.</summary>
public interface IProbationAssessmentApi
{
    [Post("/open-apis/corehr/v2/probation/assessments")]
    Task<FeishuEnvelope<AssessmentCreated>> CreateAsync(
        [Body] AssessmentBody body,
        [AliasAs("client_token")] string clientToken,
        [AliasAs("user_id_type")] string userIdType,
        [Authorize("Bearer")] string token,
        CancellationToken cancellationToken);
}
