using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FeishuApiGen.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FeishuApiGen.Benchmarks.Generation;

/// <summary>The spec sets the generator is timed on: the seed's probation family, the whole catalogue, and a synthetic set.</summary>
internal static class SpecCorpus
{
    public const string Probation = "probation";
    public const string Catalogue = "catalogue";
    public const string Synthetic = "synthetic-1000";

    public static ImmutableArray<AdditionalText> Load(string name) => name switch
    {
        Probation => FromFolder(Path.Combine(RepositoryRoot.FullPath, "spec", "corehr", "v2"), "corehr.v2.probation.*.yaml", "corehr.v2.types.yaml"),
        Catalogue => FromFolder(Path.Combine(RepositoryRoot.FullPath, "spec"), "*.yaml"),
        Synthetic => CreateSynthetic(1000),
        _ => throw new ArgumentException("unknown corpus " + name, nameof(name)),
    };

    /// <summary>
    /// <paramref name="count"/> specs shaped like real CoreHR ones: path parameter, query enum with scopes, a body with a
    /// nested named type (shared by every tenth spec, distinct otherwise), a response with an array of objects.
    /// </summary>
    public static ImmutableArray<AdditionalText> CreateSynthetic(int count)
    {
        var specs = ImmutableArray.CreateBuilder<AdditionalText>(count);
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var shape = (i % 10).ToString(CultureInfo.InvariantCulture);
            var text = $$"""
                spec_version: 1
                api: { project: synthetic, version: v1, resource: area{{n}}.record, name: update }
                title: 更新记录 {{n}}
                description: Updates record {{n}} of area {{n}}.
                doc_url: https://open.feishu.cn/document/synthetic/{{n}}
                http: { method: PATCH, path: /open-apis/synthetic/v1/areas/:area_id/records/:record_id }
                rate_limit:
                  - { limit: 100, per: minute }
                access_tokens: [tenant]
                scopes:
                  - { name: "synthetic:record:write", title: 写记录 }
                path_params:
                  area_id: { type: string, description: 区域 ID }
                  record_id: { type: string, format: int64_string, description: 记录 ID }
                query:
                  client_token: { type: string, idempotency_key: true }
                  user_id_type:
                    type: string
                    default: open_id
                    enum: { open_id: Open ID, union_id: Union ID, user_id: User ID }
                    scopes_when: { user_id: ["contact:user.employee_id:readonly"] }
                body:
                  name: { type: string, required: true, min_length: 1, max_length: 100 }
                  effective_date: { type: string, format: date }
                  score: { type: float, min: 0, max: 100 }
                  tags: { type: "string[]", max_items: 10 }
                  detail:
                    type: detail_v{{shape}}
                    fields:
                      code: { type: string, required: true, pattern: "[A-Z]{2}[0-9]{4}" }
                      level_{{shape}}: { type: int, min: 1, max: 9 }
                      status: { type: string, enum: [active, inactive] }
                response:
                  data:
                    record:
                      type: object
                      fields:
                        id: { type: string }
                        version: { type: int64 }
                        entries:
                          type: "entry[]"
                          fields:
                            key: { type: string }
                            value: { type: string }
                """;
            specs.Add(new InMemorySpec("/synthetic/area" + n + ".record.update.yaml", text));
        }

        return specs.MoveToImmutable();
    }

    private static ImmutableArray<AdditionalText> FromFolder(string folder, params string[] patterns) =>
        patterns.SelectMany(pattern => Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(path => (AdditionalText)new InMemorySpec(path, File.ReadAllText(path)))
            .ToImmutableArray();

    internal sealed class InMemorySpec(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
