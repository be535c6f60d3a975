namespace FeishuApiGen.Generator.Tests.Infrastructure;

/// <summary>Finds files in the repository checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Spec(string relative) => Path.Combine(Root, "spec", relative);

    public static string Snapshots => Path.Combine(Root, "tests", "FeishuApiGen.Generator.Tests", "Snapshots");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FeishuApiGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FeishuApiGen.sln not found above " + AppContext.BaseDirectory);
    }
}
