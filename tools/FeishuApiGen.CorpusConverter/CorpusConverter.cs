using System.Text;
using FeishuApiGen.CorpusConverter.Facts;
using FeishuApiGen.CorpusConverter.Mapping;
using FeishuApiGen.CorpusConverter.Yaml;

namespace FeishuApiGen.CorpusConverter;

/// <summary>A spec file as the converter makes it: its path under the output folder (with <c>/</c>) and its text.</summary>
public sealed record GeneratedSpec(string RelativePath, string Text);

/// <summary>What <see cref="CorpusConverter.Write"/> did to the output folder.</summary>
public sealed record WriteSummary(int Written, int Unchanged, int Deleted);

/// <summary>
/// The facts file in, one endpoint spec per endpoint out. The result depends on the facts alone: same facts, same
/// bytes (endpoints in key order, members in the facts' order, types by name, LF line ends).
/// </summary>
public static class CorpusConverter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The specs for every endpoint of <paramref name="factsJson"/>, ordered by path.</summary>
    /// <exception cref="FactsFormatException">The facts hold something the converter cannot map.</exception>
    public static IReadOnlyList<GeneratedSpec> Convert(string factsJson) =>
        Map(factsJson).Select(s => new GeneratedSpec(s.RelativePath, SpecYamlWriter.Write(s))).ToList();

    /// <summary>The spec documents before they are written as YAML, ordered by path.</summary>
    public static IReadOnlyList<SpecDocument> Map(string factsJson)
    {
        var endpoints = FactsReader.Read(factsJson);
        var apis = SettleApis(endpoints);
        var specs = new List<SpecDocument>();
        foreach (var version in endpoints.Select(e => SchemaMapper.Map(e, apis[e.Key])).GroupBy(d => (d.Api.Project, d.Api.Version)))
        {
            var drafts = version.ToList();
            var typeNames = TypeNamer.Name(drafts);
            specs.AddRange(drafts.Select(d => SpecBuilder.Build(d, typeNames)));
        }

        var clash = specs.GroupBy(s => s.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new FactsFormatException("The entries " + string.Join(" and ", clash.Select(s => s.SourceKey)) + " map to one spec, " + clash.Key + ".");
        }

        return specs.OrderBy(s => s.RelativePath, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Writes the specs under <paramref name="outputDirectory"/> (files whose text is already right are left alone, so
    /// builds stay incremental) and deletes generated specs no longer made (an endpoint Feishu dropped). Files that do
    /// not start with the converter's header are never touched.
    /// </summary>
    public static WriteSummary Write(IReadOnlyList<GeneratedSpec> specs, string outputDirectory)
    {
        var root = Path.GetFullPath(outputDirectory);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        int written = 0, unchanged = 0, deleted = 0;
        foreach (var spec in specs)
        {
            var path = Path.Combine(root, spec.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            wanted.Add(path);
            if (File.Exists(path) && File.ReadAllText(path, Utf8NoBom) == spec.Text)
            {
                unchanged++;
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, spec.Text, Utf8NoBom);
            written++;
        }

        if (Directory.Exists(root))
        {
            foreach (var stale in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Where(p => !wanted.Contains(p)).ToList())
            {
                if (File.ReadLines(stale).FirstOrDefault()?.StartsWith(SpecYamlWriter.HeaderStart, StringComparison.Ordinal) == true)
                {
                    File.Delete(stale);
                    deleted++;
                }
            }
        }

        return new WriteSummary(written, unchanged, deleted);
    }

    /// <summary>
    /// Each endpoint's api identity. Every endpoint of one resource must agree on where the resource's dots go;
    /// if their paths disagree, the resource is written without dots.
    /// </summary>
    private static Dictionary<string, SpecApi> SettleApis(IReadOnlyList<FactsEndpoint> endpoints)
    {
        var apis = endpoints.ToDictionary(e => e.Key, e => ApiNaming.FromKey(e.Key, e.Path), StringComparer.Ordinal);
        foreach (var resource in endpoints.GroupBy(e => ApiNaming.PlainResource(e.Key) + "@" + apis[e.Key].Project + "." + apis[e.Key].Version))
        {
            if (resource.Select(e => apis[e.Key].Resource).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                foreach (var endpoint in resource)
                {
                    apis[endpoint.Key] = apis[endpoint.Key] with { Resource = ApiNaming.PlainResource(endpoint.Key) };
                }
            }
        }

        return apis;
    }
}
