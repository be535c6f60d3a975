using System.Globalization;
using System.Text;

namespace FeishuApiGen.Importer.Coverage;

/// <summary>
/// <c>feishu-apigen coverage &lt;pages-dir&gt; &lt;spec-dir&gt;</c>: for every endpoint of the catalogue's MANIFEST.tsv, the
/// facts its page states against those its spec carries, kind by kind. Writes COVERAGE.tsv beside the manifest (a row per
/// endpoint and kind the page states, with what is left and the import report's lines on it) and prints the totals.
/// </summary>
internal static class CoverageCommand
{
    public static int Run(string pagesDirectory, string specDirectory, TextWriter stdout, TextWriter stderr)
    {
        var manifest = Path.Combine(specDirectory, "MANIFEST.tsv");
        if (!File.Exists(manifest))
        {
            stderr.WriteLine($"feishu-apigen: no MANIFEST.tsv in {specDirectory}");
            return 1;
        }

        var specs = Directory.EnumerateFiles(specDirectory, "*.yaml", SearchOption.AllDirectories).ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal);
        var reportFile = Path.Combine(specDirectory, "IMPORT-REPORT.txt");
        var report = File.Exists(reportFile) ? File.ReadAllLines(reportFile) : [];
        var pageTotals = new FactCounts();
        var specTotals = new FactCounts();
        var table = new StringBuilder("api\tfact\ton page\tin spec\tleft\twhy (the import report's lines for this endpoint)\n");
        foreach (var row in File.ReadLines(manifest).Skip(1).Select(l => l.Split('\t')))
        {
            var (api, page) = (row[0], row[1]);
            var pageFile = Path.Combine(pagesDirectory, page);
            if (!File.Exists(pageFile) || !specs.TryGetValue(api, out var specFile))
            {
                stderr.WriteLine($"feishu-apigen: {api}: page {page} or its spec is missing");
                return 1;
            }

            var shared = Directory.EnumerateFiles(Path.GetDirectoryName(specFile)!, "*.types.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText);
            var onPage = PageFacts.Count(File.ReadAllText(pageFile));
            var inSpec = SpecFacts.Count(File.ReadAllText(specFile), shared);
            var why = string.Join(" / ", report.Where(l => l.StartsWith(api + ":", StringComparison.Ordinal)).Select(l => l[(api.Length + 1)..].Trim()));
            foreach (var fact in Facts.All)
            {
                var carried = Math.Min(onPage[fact], inSpec[fact]);
                pageTotals.Add(fact, onPage[fact]);
                specTotals.Add(fact, carried);
                if (onPage[fact] > 0)
                {
                    var left = onPage[fact] - carried;
                    table.Append(CultureInfo.InvariantCulture, $"{api}\t{fact}\t{onPage[fact]}\t{inSpec[fact]}\t{left}\t{(left > 0 ? why : "")}\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(specDirectory, "COVERAGE.tsv"), table.ToString());
        stdout.WriteLine("| fact | on the pages | carried by the specs | left |");
        stdout.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var fact in Facts.All)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {fact} | {pageTotals[fact]:N0} | {specTotals[fact]:N0} | {pageTotals[fact] - specTotals[fact]:N0} |"));
        }

        return 0;
    }
}
