namespace FeishuApiGen.Generator.Tests.Infrastructure;

/// <summary>The shipped seed spec, and a small second spec for tests that need two endpoints.</summary>
internal static class SeedSpec
{
    public const string RelativePath = "corehr/v2/corehr.v2.probation.assessment.create.yaml";

    public static string Text => File.ReadAllText(RepoPaths.Spec(RelativePath));

    public const string Minimal = """
        spec_version: 1
        api: { project: corehr, version: v2, resource: probation, name: enable_disable_assessment }
        title: 启用/停用试用期考核功能
        http: { method: POST, path: /open-apis/corehr/v2/probation/enable_disable_assessment }
        access_tokens: [tenant]
        body:
          active: { type: boolean, required: true, description: 启用 / 停用状态 }
          app_url: { type: string, max_length: 500, description: 试用期考核系统入口链接 }
        """;
}
