namespace FeishuApiGen.TestSupport;

/// <summary>
/// The repository's root: the folder of <c>FeishuApiGen.sln</c>, found upwards from the running assembly. One source
/// file, linked into each test and benchmark project that reads the repository's files.
/// </summary>
internal static class RepositoryRoot
{
    public static string FullPath { get; } = Find();

    /// <summary>The repository's public address, as Directory.Build.props names it (the one place it is written).</summary>
    public static string Url { get; } = System.Xml.Linq.XDocument.Load(Path.Combine(FullPath, "Directory.Build.props"))
        .Descendants("RepositoryUrl").Single().Value.TrimEnd('/');

    private static string Find()
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
