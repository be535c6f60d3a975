// Creates a probation assessment through the generated client.
// With FEISHU_APP_ID and FEISHU_APP_SECRET set it calls the real platform (FEISHU_BASE_ADDRESS picks the
// host, e.g. https://open.larksuite.com for Lark; FEISHU_EMPLOYMENT_ID the employee). Without them it
// starts the fake Feishu of FeishuApiGen.Testing on loopback and shows exactly what was sent.
using System.Text.Json;
using Feishu;
using Feishu.Corehr.V2;
using FeishuApiGen;
using FeishuApiGen.Testing;

var appId = Environment.GetEnvironmentVariable("FEISHU_APP_ID");
var appSecret = Environment.GetEnvironmentVariable("FEISHU_APP_SECRET");
var live = !string.IsNullOrEmpty(appId) && !string.IsNullOrEmpty(appSecret);

await using var standIn = live ? null : await StartStandInAsync();
var options = new FeishuClientOptions
{
    AppId = live ? appId! : StandInCredentials.AppId,
    AppSecret = live ? appSecret! : StandInCredentials.AppSecret,
    BaseAddress = standIn?.BaseAddress ?? new Uri(Environment.GetEnvironmentVariable("FEISHU_BASE_ADDRESS") ?? FeishuHosts.Feishu.ToString()),
};
Console.WriteLine(live ? $"Calling {options.BaseAddress} as app {options.AppId}." : $"No FEISHU_APP_ID/FEISHU_APP_SECRET: using the fake Feishu (FeishuApiGen.Testing) at {options.BaseAddress}.");

using var feishu = new FeishuClient(options);
using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));

// 1. A request that breaks the spec is refused before anything is sent, with every problem named. A literal such as
//    AssessmentStatus = "finished" would not even build (warning FAG026 names the documented values); a value that
//    arrives at run time, as this one might from a form, is caught by the validator instead.
var statusFromInput = args.Length > 0 ? args[0] : "finished";
try
{
    await feishu.Corehr.V2.ProbationAssessment.CreateAsync(
        new CreateProbationAssessmentRequest
        {
            // Leaving a required member out does not compile; set to null it is refused before sending.
            EmploymentId = null,
            UserIdType = UserIdType.OpenId,
            Assessments = [new CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = statusFromInput, IsFinalAsssessment = null }],
        },
        cancellation.Token);
}
catch (FeishuValidationException invalid)
{
    Console.WriteLine();
    Console.WriteLine("Refused before sending:");
    foreach (var error in invalid.Errors)
    {
        Console.WriteLine($"  {error.Path}: {error.Message}");
    }
}

// 2. A valid request.
var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(
    new CreateProbationAssessmentRequest
    {
        EmploymentId = Environment.GetEnvironmentVariable("FEISHU_EMPLOYMENT_ID") ?? "7140964208476371111",
        UserIdType = UserIdType.OpenId,
        Assessments =
        [
            new CreateProbationAssessment.AssessmentForCreate
            {
                AssessmentStatus = AssessmentStatus.Completed,
                AssessmentResult = AssessmentResult.Approved,
                AssessmentScore = 99.9,
                AssessmentComment = "超出预期",
                IsFinalAsssessment = false,
            },
        ],
    },
    cancellation.Token);

if (standIn is not null)
{
    Console.WriteLine();
    Console.WriteLine("What the fake Feishu received:");
    foreach (var request in standIn.Requests)
    {
        Console.WriteLine($"  {request.Method} {request.Path}{request.QueryString} -> HTTP {request.Answer?.StatusCode}");
        Console.WriteLine("  " + Redact(request.Body).Replace("\n", "\n  ", StringComparison.Ordinal));
    }
}

Console.WriteLine();
Console.WriteLine("Created assessment ids: " + string.Join(", ", created.AssessmentIds));
return 0;

// The fake Feishu of FeishuApiGen.Testing answers every endpoint this client calls as its spec says: the spec's example
// answer, or Feishu's refusal (code 99992402, every field violation) of a request the spec refuses.
static Task<FakeFeishu> StartStandInAsync() =>
    FakeFeishu.StartAsync<FeishuClient>(new FakeFeishuOptions { AppId = StandInCredentials.AppId, AppSecret = StandInCredentials.AppSecret });

// The token request carries the app secret: never print it, even the stand-in's.
static string Redact(string body)
{
    using var document = JsonDocument.Parse(body);
    var pretty = Json(document.RootElement.WriteTo);
    return document.RootElement.TryGetProperty("app_secret", out var secret) ? pretty.Replace(secret.GetString()!, "***", StringComparison.Ordinal) : pretty;
}

// Indented, with Chinese text left readable.
static string Json(Action<Utf8JsonWriter> write)
{
    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
    using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
    {
        write(writer);
    }

    return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
}

internal static class StandInCredentials
{
    public const string AppId = "cli_sample";
    public const string AppSecret = "sample-secret-not-real";
}

