using System.Text.Json.Nodes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using FeishuApiGen.Benchmarks.RunTime;

namespace FeishuApiGen.Benchmarks.Tests;

/// <summary>
/// Every benchmark runs once, in process, so the benchmarks never rot; and the clients compared at run time send the
/// same request, so the comparison is fair. No timing is asserted: numbers live in BENCHMARKS.md.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<string> BenchmarkTypes() =>
        new(typeof(CreateCallBenchmarks).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BenchmarkTypes))]
    public void Every_benchmark_runs_once_in_process(string typeName)
    {
        var type = typeof(CreateCallBenchmarks).Assembly.GetType(typeName, throwOnError: true)!;
        var log = new AccumulationLogger();
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance))
            .AddLogger(log)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "feishuapigen-bench-smoke", Guid.NewGuid().ToString("N")));

        var summary = BenchmarkRunner.Run(type, config);

        Assert.False(summary.HasCriticalValidationErrors, log.GetLog());
        Assert.NotEmpty(summary.Reports);
        Assert.All(summary.Reports, report => Assert.True(report.Success, report.BenchmarkCase.DisplayInfo + " failed:\n" + log.GetLog()));
    }

    [Fact]
    public async Task The_search_benchmark_reads_a_full_page_of_typed_items()
    {
        var benchmarks = new SearchPageBenchmarks();
        await benchmarks.SetupAsync();
        try
        {
            Assert.Equal(SearchPageBenchmarks.PageSize, await benchmarks.SearchPage());
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public async Task The_fleet_benchmark_calls_through_a_real_redis_server()
    {
        // Its setup refuses to measure a fleet that fell back to its own limiter (no script run on Redis).
        var benchmarks = new FleetCallBenchmarks();
        await benchmarks.SetupAsync();
        try
        {
            Assert.Equal(1, await benchmarks.WithRedis());
            Assert.Equal(FleetCallBenchmarks.Concurrent, await benchmarks.WithRedisConcurrent());
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Fact]
    public async Task The_clients_compared_send_the_same_request_and_read_the_same_answer()
    {
        var benchmarks = new CreateCallBenchmarks();
        await benchmarks.SetupAsync();
        benchmarks.RecordRequests();
        try
        {
            Assert.Equal(1, await benchmarks.HandWritten());
            Assert.Equal(1, await benchmarks.Generated());
            Assert.Equal(1, await benchmarks.GeneratedRateLimited());
            Assert.Equal(1, await benchmarks.GeneratedMetricsListened());
            Assert.Equal(1, await benchmarks.Refit());
            await benchmarks.Floor();

            var sent = benchmarks.LastRequests();
            Assert.Equal(6, sent.Count);
            foreach (var (client, uri, body) in sent)
            {
                Assert.Equal(sent[0].Uri, uri);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sent[0].Body), JsonNode.Parse(body)), client + " sent " + body + "\nhand-written sent " + sent[0].Body);
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
