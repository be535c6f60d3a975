using System.Text.Json;

namespace FeishuApiGen.Runtime.Tests.HandWritten;

// A hand-written stand-in for what the generator emits for the seed endpoint
// (corehr.v2.probation.assessment.create), so the runtime can be tested on its own.
// Kept in its own namespace so generated types of the same names never clash with it.

/// <summary>POST /open-apis/corehr/v2/probation/assessments.</summary>
public sealed class CreateProbationAssessmentRequest : IFeishuRequest
{
    public const string AllowedUserIdTypes = "open_id, union_id, user_id, people_corehr_id";

    public static readonly FeishuEndpoint Endpoint = new(
        "corehr.v2.probation.assessment.create",
        "POST",
        "/open-apis/corehr/v2/probation/assessments",
        hasBody: true,
        FeishuAccessTokenTypes.Tenant,
        ["corehr:probation.assessment:write"],
        [new FeishuRateLimit(100, TimeSpan.FromMinutes(1))])
    {
        IdempotencyKey = "client_token",
    };

    /// <summary>Query <c>client_token</c>: the idempotency key, filled by the runtime when empty.</summary>
    public string? ClientToken { get; set; }

    /// <summary>Query <c>user_id_type</c>: open_id, union_id, user_id, people_corehr_id.</summary>
    public string? UserIdType { get; set; }

    /// <summary>Body <c>employment_id</c> (required).</summary>
    public string? EmploymentId { get; set; }

    /// <summary>Body <c>assessments</c> (required).</summary>
    public IList<AssessmentForCreate?>? Assessments { get; set; }

    public void Validate(ref FeishuValidator validator)
    {
        if (UserIdType is not null && UserIdType is not ("open_id" or "union_id" or "user_id" or "people_corehr_id"))
        {
            validator.InvalidEnum("user_id_type", UserIdType, AllowedUserIdTypes);
        }

        if (EmploymentId is null)
        {
            validator.Required("employment_id");
        }

        if (Assessments is null)
        {
            validator.Required("assessments");
        }
        else
        {
            validator.Enter("assessments");
            for (var i = 0; i < Assessments.Count; i++)
            {
                validator.EnterIndex(i);
                if (Assessments[i] is { } assessment)
                {
                    assessment.Validate(ref validator);
                }
                else
                {
                    validator.Required("");
                }

                validator.Exit();
            }

            validator.Exit();
        }
    }

    public void WriteUrl(ref FeishuUrlBuilder url)
    {
        url.AppendPath("/open-apis/corehr/v2/probation/assessments");
        url.AppendIdempotencyKey("client_token", ClientToken);
        url.AppendQuery("user_id_type", UserIdType);
    }

    public void WriteBody(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (EmploymentId is not null)
        {
            writer.WriteString("employment_id"u8, EmploymentId);
        }

        if (Assessments is not null)
        {
            writer.WriteStartArray("assessments"u8);
            foreach (var assessment in Assessments)
            {
                if (assessment is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    assessment.Write(writer);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}

/// <summary>The <c>assessment_for_create</c> object.</summary>
public sealed class AssessmentForCreate
{
    public const string AllowedStatuses = "not_started, in_process, completed, no_need";
    public const string AllowedResults = "approved, rejected";

    public string? AssessmentStatus { get; set; }

    public string? AssessmentResult { get; set; }

    public double? AssessmentScore { get; set; }

    public string? AssessmentGrade { get; set; }

    public string? AssessmentComment { get; set; }

    public string? AssessmentDetail { get; set; }

    /// <summary>Feishu's spelling: three s.</summary>
    public bool? IsFinalAsssessment { get; set; }

    internal void Validate(ref FeishuValidator validator)
    {
        if (AssessmentStatus is null)
        {
            validator.Required("assessment_status");
        }
        else if (AssessmentStatus is not ("not_started" or "in_process" or "completed" or "no_need"))
        {
            validator.InvalidEnum("assessment_status", AssessmentStatus, AllowedStatuses);
        }

        if (AssessmentResult is not null && AssessmentResult is not ("approved" or "rejected"))
        {
            validator.InvalidEnum("assessment_result", AssessmentResult, AllowedResults);
        }

        if (IsFinalAsssessment is null)
        {
            validator.Required("is_final_asssessment");
        }
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (AssessmentStatus is not null)
        {
            writer.WriteString("assessment_status"u8, AssessmentStatus);
        }

        if (AssessmentResult is not null)
        {
            writer.WriteString("assessment_result"u8, AssessmentResult);
        }

        if (AssessmentScore is { } score)
        {
            writer.WriteNumber("assessment_score"u8, score);
        }

        if (AssessmentGrade is not null)
        {
            writer.WriteString("assessment_grade"u8, AssessmentGrade);
        }

        if (AssessmentComment is not null)
        {
            writer.WriteString("assessment_comment"u8, AssessmentComment);
        }

        if (AssessmentDetail is not null)
        {
            writer.WriteString("assessment_detail"u8, AssessmentDetail);
        }

        if (IsFinalAsssessment is { } isFinal)
        {
            writer.WriteBoolean("is_final_asssessment"u8, isFinal);
        }

        writer.WriteEndObject();
    }
}

/// <summary>The <c>data</c> of the answer.</summary>
public sealed class CreateProbationAssessmentResponse : IFeishuResponse<CreateProbationAssessmentResponse>
{
    public IReadOnlyList<string> AssessmentIds { get; init; } = [];

    public static CreateProbationAssessmentResponse ReadData(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new CreateProbationAssessmentResponse();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("data is not an object.");
        }

        List<string>? ids = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("assessment_ids"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    ids = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        ids.Add(reader.GetString()!);
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw new JsonException("assessment_ids is not an array.");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new CreateProbationAssessmentResponse { AssessmentIds = ids ?? [] };
    }
}

/// <summary>The seed doc's examples, verbatim.</summary>
public static class SeedExamples
{
    public const string Request = """
        {
            "employment_id": "7140964208476371111",
            "assessments": [
                {
                    "assessment_status": "completed",
                    "assessment_result": "approved",
                    "assessment_score": 99.9,
                    "assessment_grade": "grade_a",
                    "assessment_comment": "超出预期",
                    "assessment_detail": "暂无示例",
                    "is_final_asssessment": false
                }
            ]
        }
        """;

    public const string Response = """
        {
            "code": 0,
            "msg": "success",
            "data": {
                "assessment_ids": [
                    "7140964208476371991"
                ]
            }
        }
        """;

    /// <summary>The request of the doc's example, as a caller would build it.</summary>
    public static CreateProbationAssessmentRequest CreateRequest() => new()
    {
        EmploymentId = "7140964208476371111",
        Assessments =
        [
            new AssessmentForCreate
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
