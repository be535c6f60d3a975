namespace FeishuApiGen.Runtime.Tests.Generated;

/// <summary>The doc's request and response examples, read from the shipped seed spec's <c>examples</c>.</summary>
internal static class SeedSpecExamples
{
    private static SpecExample Seed => SpecExamples.Of("corehr/v2/corehr.v2.probation.assessment.create.yaml");

    public static string Request => Seed.RequestJson;

    public static string Response => Seed.ResponseJson;
}
