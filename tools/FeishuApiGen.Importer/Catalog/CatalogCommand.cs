using System.Globalization;
using System.Text;
using FeishuApiGen.Importer.Emit;
using FeishuApiGen.Importer.Model;
using FeishuApiGen.Importer.Parsing;

namespace FeishuApiGen.Importer.Catalog;

/// <summary>
/// <c>feishu-apigen catalog &lt;pages-dir&gt; --out &lt;dir&gt; [--source &lt;mirror&gt;] [--commit &lt;sha&gt;]</c>: every page of a
/// doc section at once. Pages under <c>historic-version/</c> are deprecated. Writes one spec per endpoint, named by its api
/// id; one shared types file per project version (<see cref="SharedTypes"/>); <c>MANIFEST.tsv</c>, where each spec came
/// from; and <c>LEFT-OUT.tsv</c>, each page that gave no spec and why. The same pages always give the same bytes.
/// </summary>
internal static class CatalogCommand
{
    public static int Run(string pagesDirectory, string output, string source, string commit, TextWriter stderr)
    {
        if (!Directory.Exists(pagesDirectory))
        {
            stderr.WriteLine($"feishu-apigen: {pagesDirectory} is not a directory of pages");
            return 1;
        }

        Directory.CreateDirectory(output);
        var left = new StringBuilder("page\twhy\n");
        var imported = new List<(string Path, DocPage Page, string Project, string Version, string Id)>();
        foreach (var file in Directory.EnumerateFiles(pagesDirectory, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var path = Path.GetRelativePath(pagesDirectory, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            if (!TreeMarkdownReader.Recognizes(text))
            {
                left.Append(path).Append("\tnot an endpoint page (no 'HTTP URL' row): an event, an overview or a guide\n");
                continue;
            }

            var page = TreeMarkdownReader.Read(text) with { Deprecated = path.StartsWith("historic-version/", StringComparison.Ordinal) };
            if (page.Body.Any(f => f.Type.Trim() == "file"))
            {
                left.Append(path).Append("\tuploads a file (multipart/form-data), which the spec format cannot describe yet\n");
                continue;
            }

            var (project, version, resource, name) = SpecWriter.Identity(page, []);
            var id = project + "." + version + "." + resource + "." + name;
            if (imported.Any(i => i.Id == id))
            {
                left.Append(path).Append("\tsame api id as ").Append(imported.First(i => i.Id == id).Path).Append(" (").Append(id).Append(")\n");
                continue;
            }

            imported.Add((path, page, project, version, id));
        }

        var shared = SharedTypes.Find(imported.Select(i => (i.Page, i.Project, i.Version)));
        var manifest = new StringBuilder("api\tpage\tupdated\tmirror\tcommit\tnot carried\n");
        foreach (var (path, page, project, version, id) in imported.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            var problems = new List<string>(page.Problems);
            File.WriteAllText(Path.Combine(output, id + ".yaml"), SpecWriter.Write(page, problems, shared[(project, version)]));
            manifest.Append(id).Append('\t').Append(path).Append('\t')
                .Append(page.UpdatedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\t')
                .Append(source).Append('\t').Append(commit).Append('\t').Append(problems.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var problem in problems)
            {
                stderr.WriteLine($"feishu-apigen: {id}: {problem}");
            }
        }

        foreach (var types in shared.Values.Where(t => t.Objects.Count > 0 || t.Enums.Count > 0).OrderBy(t => t.Project + "." + t.Version, StringComparer.Ordinal))
        {
            var problems = new List<string>();
            File.WriteAllText(Path.Combine(output, types.Project + "." + types.Version + ".types.yaml"), SpecWriter.WriteShared(types, problems));
            foreach (var problem in problems)
            {
                stderr.WriteLine($"feishu-apigen: {types.Project}.{types.Version} shared types: {problem}");
            }
        }

        File.WriteAllText(Path.Combine(output, "MANIFEST.tsv"), manifest.ToString());
        File.WriteAllText(Path.Combine(output, "LEFT-OUT.tsv"), left.ToString());
        stderr.WriteLine($"feishu-apigen: {imported.Count} specs, {shared.Values.Sum(t => t.Objects.Count)} shared object types, {shared.Values.Sum(t => t.Enums.Count)} shared enums, {left.ToString().Count(c => c == '\n') - 1} pages left out: {output}");
        return 0;
    }
}
