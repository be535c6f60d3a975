using FeishuApiGen.CorpusConverter;
using FeishuApiGen.CorpusConverter.Facts;

// dotnet run --project tools/FeishuApiGen.CorpusConverter -- [facts.json] [output folder]
if (args.Length > 2 || args.Any(a => a is "-h" or "--help"))
{
    Console.Error.WriteLine("usage: FeishuApiGen.CorpusConverter [facts.json] [output folder]");
    Console.Error.WriteLine("defaults: tools/FeishuApiGen.CorpusConverter/reference/corehr-endpoints.json and tests/FeishuApiGen.Corpus.Tests/Specs in this repository");
    return 2;
}

var repoRoot = FindRepoRoot();
var factsPath = args.Length > 0 ? args[0] : Path.Combine(RequireRoot(), "tools", "FeishuApiGen.CorpusConverter", "reference", "corehr-endpoints.json");
var outputDirectory = args.Length > 1 ? args[1] : Path.Combine(RequireRoot(), "tests", "FeishuApiGen.Corpus.Tests", "Specs");

try
{
    var specs = CorpusConverter.Convert(File.ReadAllText(factsPath));
    var summary = CorpusConverter.Write(specs, outputDirectory);
    Console.WriteLine($"{specs.Count} specs from {factsPath} in {outputDirectory}: {summary.Written} written, {summary.Unchanged} unchanged, {summary.Deleted} stale deleted.");
    return 0;
}
catch (FactsFormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

string RequireRoot() => repoRoot ?? throw new InvalidOperationException("FeishuApiGen.sln was not found above the current folder; give the facts file and output folder.");

static string? FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FeishuApiGen.sln")))
            {
                return directory.FullName;
            }
        }
    }

    return null;
}
