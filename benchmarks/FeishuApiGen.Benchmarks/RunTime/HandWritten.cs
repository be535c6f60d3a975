using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace FeishuApiGen.Benchmarks.RunTime;

// What a careful engineer writes by hand for the seed endpoint: DTOs, a System.Text.Json source-generated
// context, and one HttpClient call. Also the DTOs Refit is given.

public sealed class AssessmentBody
{
    [JsonPropertyName("employment_id")]
    public string? EmploymentId { get; set; }

    [JsonPropertyName("assessments")]
    public List<AssessmentItem>? Assessments { get; set; }
}

public sealed class AssessmentItem
{
    [JsonPropertyName("assessment_status")]
    public string? AssessmentStatus { get; set; }

    [JsonPropertyName("assessment_result")]
    public string? AssessmentResult { get; set; }

    [JsonPropertyName("assessment_score")]
    public double? AssessmentScore { get; set; }

    [JsonPropertyName("assessment_grade")]
    public string? AssessmentGrade { get; set; }

    [JsonPropertyName("assessment_comment")]
    public string? AssessmentComment { get; set; }

    [JsonPropertyName("assessment_detail")]
    public string? AssessmentDetail { get; set; }

    [JsonPropertyName("is_final_asssessment")]
    public bool IsFinalAsssessment { get; set; }
}

public sealed class FeishuEnvelope<T>
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("msg")]
    public string? Msg { get; set; }

    [JsonPropertyName("data")]
    public T? Data { get; set; }
}

public sealed class AssessmentCreated
{
    [JsonPropertyName("assessment_ids")]
    public List<string>? AssessmentIds { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AssessmentBody))]
[JsonSerializable(typeof(FeishuEnvelope<AssessmentCreated>))]
public sealed partial class HandWrittenJson : JsonSerializerContext;

/// <summary>
/// The hand-written baseline: one HttpClient call with source-generated System.Text.Json. Like the generated client it
/// reads the answer as it streams in (<c>ResponseHeadersRead</c>) rather than buffering it whole first.
/// </summary>
internal sealed class HandWrittenClient(HttpClient http, string token, string baseAddress = InMemoryFeishu.BaseAddress) : IDisposable
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", token);

    public async Task<AssessmentCreated> CreateAsync(AssessmentBody body, string clientToken, string userIdType, CancellationToken cancellationToken)
    {
        var uri = baseAddress + "/open-apis/corehr/v2/probation/assessments?client_token=" +
            Uri.EscapeDataString(clientToken) + "&user_id_type=" + Uri.EscapeDataString(userIdType);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Authorization = _authorization;
        request.Content = JsonContent.Create(body, HandWrittenJson.Default.AssessmentBody);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var envelope = await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.FeishuEnvelopeAssessmentCreated, cancellationToken).ConfigureAwait(false);
        if (envelope is null || envelope.Code != 0 || envelope.Data is null)
        {
            throw new InvalidOperationException("Feishu answered " + envelope?.Code + ": " + envelope?.Msg);
        }

        return envelope.Data;
    }

    public void Dispose() => http.Dispose();
}
