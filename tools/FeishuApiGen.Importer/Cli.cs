using FeishuApiGen.Importer.Emit;
using FeishuApiGen.Importer.Parsing;

namespace FeishuApiGen.Importer;

/// <summary><c>feishu-apigen import &lt;page.md|-&gt; [--out spec.yaml]</c>: a doc page in, a spec out, a report of what did not map.</summary>
internal static class Cli
{
    private const string Usage = """
        usage: feishu-apigen import <page.md | - | doc URL> [--out <spec.yaml>] [--deprecated] [--portal <base URL>]
               feishu-apigen catalog <pages-dir> --out <dir> [--source <mirror>] [--commit <sha>]
               feishu-apigen coverage <pages-dir> <spec-dir>
          Reads a Feishu server-API doc page (Feishu's raw doc source, the Markdown form public mirrors publish with nested
          rows marked └, or the flat .md export; given a doc URL, fetched from the doc portal, or from --portal) and writes
          the endpoint spec to --out or standard output. What the page says that the spec cannot carry is reported on standard
          error, one line each. --deprecated marks a page of Feishu's historic versions (历史版本).
          catalog imports every page under <pages-dir> at once (pages under historic-version/ as deprecated): a spec per
          endpoint named by api id, a shared types file per project version for what two or more pages give alike,
          MANIFEST.tsv (where each spec came from) and LEFT-OUT.tsv (pages that gave no spec, and why).
          coverage counts, for every endpoint of <spec-dir>/MANIFEST.tsv, the facts its page states and those its spec
          carries, writes <spec-dir>/COVERAGE.tsv and prints the totals.
        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (args.Length >= 2 && args[0] == "catalog")
        {
            if (Option("--out") is not { } outDirectory)
            {
                stderr.WriteLine(Usage);
                return 2;
            }

            return Catalog.CatalogCommand.Run(args[1], outDirectory, Option("--source") ?? "", Option("--commit") ?? "", stderr);
        }

        if (args.Length == 3 && args[0] == "coverage")
        {
            return Coverage.CoverageCommand.Run(args[1], args[2], stdout, stderr);
        }

        if (args.Length < 2 || args[0] != "import")
        {
            stderr.WriteLine(Usage);
            return 2;
        }

        var source = args[1];
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        string text;
        try
        {
            text = Fetching.DocPortal.IsUrl(source)
                ? Fetching.DocPortal.FetchAsync(source, Option("--portal") is { } portal ? new Uri(portal) : null, handler, CancellationToken.None).GetAwaiter().GetResult()
                : source == "-" ? stdin.ReadToEnd() : File.ReadAllText(source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Fetching.DocPortalException or UriFormatException)
        {
            stderr.WriteLine($"feishu-apigen: cannot read {source}: {ex.Message}");
            return 1;
        }

        // Feishu's raw doc source (what the portal serves) and the flat .md export are read as the └ form they convert to.
        var warnings = new List<string>();
        if (RawSourceConverter.Recognizes(text))
        {
            text = RawSourceConverter.ToTreeMarkdown(text);
        }
        else if (FlatMarkdownConverter.Recognizes(text))
        {
            text = FlatMarkdownConverter.ToTreeMarkdown(text, warnings);
        }

        if (!TreeMarkdownReader.Recognizes(text))
        {
            stderr.WriteLine($"feishu-apigen: {source} is not a doc page in a form this version reads (no 'HTTP URL' row in a table).");
            return 1;
        }

        var page = TreeMarkdownReader.Read(text) with { Deprecated = args.Contains("--deprecated") };
        if (page.Body.Any(f => f.Type.Trim() == "file"))
        {
            // multipart/form-data: the generator sends JSON bodies only.
            stderr.WriteLine($"feishu-apigen: {source}: the endpoint uploads a file (multipart/form-data), which the spec format cannot describe yet; no spec is written.");
            return 3;
        }

        var problems = new List<string>(warnings.Select(w => source + ": " + w).Concat(page.Problems));
        var spec = SpecWriter.Write(page, problems);
        if (output is null)
        {
            stdout.Write(spec);
        }
        else
        {
            File.WriteAllText(output, spec);
        }

        foreach (var problem in problems)
        {
            stderr.WriteLine("feishu-apigen: " + problem);
        }

        return 0;
    }
}
