using System.Runtime.Loader;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// <c>idempotency_key: true</c> promises that the runtime fills the key when the caller leaves it empty
/// (docs/spec-format.md). The generated URL writer is run here, not just read, to hold that promise.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private const string SeedPath = "/open-apis/corehr/v2/probation/assessments";

    [Fact]
    public void An_idempotency_key_left_empty_is_made_up_and_one_given_is_sent_as_given()
    {
        var (_, output, result) = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)]);
        Assert.Empty(result.Diagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new AssemblyLoadContext(nameof(IdempotencyKeyTests), isCollectible: true);
        try
        {
            image.Position = 0;
            var requestType = context.LoadFromStream(image).GetType("Feishu.Corehr.V2.CreateProbationAssessmentRequest")!;
            var request = (IFeishuRequest)Activator.CreateInstance(requestType)!;

            var first = Url(request);
            var second = Url(request);
            requestType.GetProperty("ClientToken")!.SetValue(request, "6822 122");

            // user_id_type is unset: its documented default follows the key.
            Assert.Matches("^" + SeedPath + "\\?client_token=[0-9a-f]{32}&user_id_type=open_id$", first);
            Assert.NotEqual(first, second);
            Assert.Equal(SeedPath + "?client_token=6822%20122&user_id_type=open_id", Url(request));
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Url(IFeishuRequest request)
    {
        var url = new FeishuUrlBuilder(64);
        try
        {
            request.WriteUrl(ref url);
            return url.ToString();
        }
        finally
        {
            url.Dispose();
        }
    }
}
