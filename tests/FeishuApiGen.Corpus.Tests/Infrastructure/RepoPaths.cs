namespace FeishuApiGen.Corpus.Tests.Infrastructure;

/// <summary>Files of the repository checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's copy of the facts file, the converter's input.</summary>
    public static string Facts => Path.Combine(Root, "tools", "FeishuApiGen.CorpusConverter", "reference", "corehr-endpoints.json");

    /// <summary>The checked-in corpus, the converter's output.</summary>
    public static string Specs => Path.Combine(Root, "tests", "FeishuApiGen.Corpus.Tests", "Specs");

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
