using System.ComponentModel;
using System.Reflection;
using Feishu.Corehr.V2;

namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>
/// What completion offers on an instance of a generated type: the spec's members (and a request's Validate(), a
/// response's GetRawAnswer()), never the plumbing the runtime calls (reading, writing, validating members), which is
/// implemented explicitly.
/// </summary>
public sealed class CompletionSurfaceTests
{
    [Fact]
    public void Completion_on_a_request_shows_its_fields_and_Validate_only()
    {
        Assert.Equal(
            ["Assessments", "ClientToken", "EmploymentId", "UserIdType", "Validate"],
            CompletionOnInstance(typeof(CreateProbationAssessmentRequest)));
    }

    [Fact]
    public void Completion_on_a_response_shows_its_fields_and_GetRawAnswer_only()
    {
        // GetRawAnswer is the one member a response adds to its spec's: the HTTP answer it came in (status, headers, log id).
        Assert.Equal(["AssessmentIds", "GetRawAnswer"], CompletionOnInstance(typeof(CreateProbationAssessmentResponse)));
    }

    [Fact]
    public void Completion_on_a_nested_object_shows_its_fields_only()
    {
        Assert.Equal(
            ["AssessmentComment", "AssessmentDetail", "AssessmentGrade", "AssessmentResult", "AssessmentScore", "AssessmentStatus", "IsFinalAsssessment"],
            CompletionOnInstance(typeof(CreateProbationAssessment.AssessmentForCreate)));
    }

    [Fact]
    public void Completion_on_an_API_group_shows_its_endpoints_only()
    {
        Assert.Equal(["CreateAsync", "DeleteAsync", "PatchAsync"], CompletionOnInstance(typeof(ProbationAssessmentApi)));
    }

    /// <summary>
    /// The names IntelliSense lists after <c>instance.</c>: public instance members, minus property accessors, members
    /// and constructors, members hidden with <c>[EditorBrowsable(Never)]</c>, and what every object has (ToString, Equals, GetHashCode, GetType).
    /// Explicit interface implementations are private, so they are not public members at all.
    /// </summary>
    private static string[] CompletionOnInstance(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
            .Where(member => member.DeclaringType != typeof(object))
            .Where(member => member is not MethodBase { IsSpecialName: true })
            .Where(member => member.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(member => member.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
}
