using FeishuApiGen.TestSupport;

namespace FeishuApiGen.Generator.Tests.Infrastructure;

/// <summary>Finds files in the repository checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryRoot.FullPath;

    public static string RepositoryUrl => RepositoryRoot.Url;

    public static string Spec(string relative) => Path.Combine(Root, "spec", relative);

    public static string Snapshots => Path.Combine(Root, "tests", "FeishuApiGen.Generator.Tests", "Snapshots");
}
