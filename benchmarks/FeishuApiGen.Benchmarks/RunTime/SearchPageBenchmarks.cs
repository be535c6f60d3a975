using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Feishu;
using Feishu.Corehr.V2;
using FeishuApiGen.TestSupport;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Benchmarks.RunTime;

/// <summary>
/// A "search probation" call whose answer is a full page: the doc example's item repeated 100 times (about 160 KB),
/// read into typed objects by the generated client.
/// </summary>
[MemoryDiagnoser]
public class SearchPageBenchmarks
{
    public const int PageSize = 100;

    private FeishuClient _client = null!;
    private SearchProbationRequest _request = null!;

    /// <summary>The answer the in-memory Feishu gives: the doc's response with its one item made <see cref="PageSize"/>.</summary>
    public static string LargePage()
    {
        var path = Path.Combine(RepositoryRoot.FullPath, "spec", "corehr", "v2", "corehr.v2.probation.search.yaml");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var examples = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["examples"];
        var answer = JsonNode.Parse(((YamlScalarNode)examples["response"]).Value!)!;
        var items = answer["data"]!["items"]!.AsArray();
        var item = items[0]!.ToJsonString();
        items.Clear();
        for (var i = 0; i < PageSize; i++)
        {
            items.Add(JsonNode.Parse(item));
        }

        return answer.ToJsonString();
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _client = InMemoryFeishu.GeneratedClient(new InMemoryFeishu(LargePage()));
        _request = new SearchProbationRequest { PageSize = PageSize, EmploymentIds = ["7140964208476371111"] };
        await _client.Corehr.V2.Probation.SearchAsync(_request);
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Description = "search: one page of 100 items (generated)")]
    public async Task<int> SearchPage() => (await _client.Corehr.V2.Probation.SearchAsync(_request)).Items.Count;
}
