using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FeishuApiGen.Testing;
using FeishuApiGen.TestSupport;
using Xunit;

namespace FeishuApiGen.Package.Tests;

/// <summary>The packages as users get them: packed, then referenced by a project outside the repository.</summary>
public sealed class PackageTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private const string CreatePath = "/open-apis/corehr/v2/probation/assessments";
    private const string DocResponse = """{"code": 0, "msg": "success", "data": {"assessment_ids": ["7140964208476371991"]}}""";

    [Fact]
    public void Pack_yields_the_generator_package_and_the_runtime_package_it_depends_on()
    {
        var generator = Path.Combine(feed.Feed, $"FeishuApiGen.{feed.Version}.nupkg");
        var runtime = Path.Combine(feed.Feed, $"FeishuApiGen.Runtime.{feed.Version}.nupkg");
        Assert.True(File.Exists(generator), "missing " + generator);
        Assert.True(File.Exists(runtime), "missing " + runtime);

        using (var package = ZipFile.OpenRead(generator))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/FeishuApiGen.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/FeishuApiGen.CodeFixes.dll", entries);
            Assert.Contains("build/FeishuApiGen.props", entries);
            Assert.Contains("build/FeishuApiGen.targets", entries);

            // The catalogue: every endpoint spec of spec/, under catalog/ in the same folders, and its manifest.
            var shipped = Directory.EnumerateFiles(Path.Combine(PackedFeed.RepoRoot, "spec"), "*.yaml", SearchOption.AllDirectories)
                .Select(path => "catalog/" + Path.GetRelativePath(Path.Combine(PackedFeed.RepoRoot, "spec"), path).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.True(shipped.Count > 290, $"spec/ holds {shipped.Count} files");
            Assert.Equal(shipped, entries.Where(e => e.StartsWith("catalog/", StringComparison.Ordinal) && e.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Contains("catalog/MANIFEST.tsv", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

            using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
            var dependency = Assert.Single(dependencies);
            Assert.Equal("FeishuApiGen.Runtime", dependency.Attribute("id")?.Value);
            Assert.Equal(feed.Version, dependency.Attribute("version")?.Value);
        }

        using (var package = ZipFile.OpenRead(runtime))
        {
            Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/FeishuApiGen.Runtime.dll");
        }

        var testing = Path.Combine(feed.Feed, $"FeishuApiGen.Testing.{feed.Version}.nupkg");
        Assert.True(File.Exists(testing), "missing " + testing);
        using (var package = ZipFile.OpenRead(testing))
        {
            Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/FeishuApiGen.Testing.dll");
            using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var document = XDocument.Load(nuspec);
            Assert.Contains(document.Descendants().Where(e => e.Name.LocalName == "dependency"), d => d.Attribute("id")?.Value == "FeishuApiGen.Runtime");
            Assert.Contains(document.Descendants().Where(e => e.Name.LocalName == "frameworkReference"), f => f.Attribute("name")?.Value == "Microsoft.AspNetCore.App");
        }
    }

    [Fact]
    public async Task A_consumers_integration_test_runs_against_the_packed_fake_Feishu_which_answers_and_refuses_as_the_spec_says()
    {
        var consumer = WriteConsumer(
            "fake-feishu",
            SpecFormatPage.SeedSpecYaml,
            FakeConsumerProgram,
            extraItems: $"<PackageReference Include=\"FeishuApiGen.Testing\" Version=\"{feed.Version}\" /><PackageReference Include=\"NSubstitute\" Version=\"{NSubstituteVersion()}\" />");
        // README's two testing examples, verbatim, run by the program below.
        File.WriteAllText(Path.Combine(consumer, "ReadmeTesting.cs"), $$"""
            using System.Net;
            using Feishu.Corehr.V2;
            using FeishuApiGen.Testing;
            using NSubstitute;

            internal static class ReadmeTesting
            {
                public static async Task<string> UnitAsync()
                {
            {{ReadmeBlockWith("csharp", "Substitute.For")}}
                    var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(new CreateProbationAssessmentRequest { EmploymentId = "e", Assessments = [] });
                    return created.AssessmentIds[0] + " " + created.GetRawAnswer().LogId;
                }

                public static async Task<int> IntegrationAsync(CreateProbationAssessmentRequest request)
                {
            {{ReadmeBlockWith("csharp", "FakeFeishu.StartAsync")}}
                    await feishu.Corehr.V2.ProbationAssessment.CreateAsync(request);
                    return fake.RequestsTo(CreateProbationAssessmentRequest.FeishuEndpoint).Count + (sent.EmploymentId == request.EmploymentId ? 0 : 100);
                }
            }
            """);
        var (exitCode, output) = await DotNetCli.RunAsync(
            consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder }, TimeSpan.FromMinutes(5), "run", "-c", "Release");

        Assert.True(exitCode == 0, "the consumer failed:\n" + output);
        Assert.Contains("ids: 7140964208476371991", output, StringComparison.Ordinal);
        Assert.Contains("sent: 7140964208476371111 completed", output, StringComparison.Ordinal);
        Assert.Contains("refused: 400 99992402 employment_id", output, StringComparison.Ordinal);
        Assert.Contains("readme unit: 7140964208476371991 20261203-test", output, StringComparison.Ordinal);
        // The example's call, then the scripted 429 and the spec's answer to the retried call.
        Assert.Contains("readme integration: 3 requests", output, StringComparison.Ordinal);
    }

    /// <summary>The NSubstitute version the repository's own tests use (Directory.Packages.props).</summary>
    private static string NSubstituteVersion() =>
        Regex.Match(File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "Directory.Packages.props")), "Include=\"NSubstitute\" Version=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>The README code block of <paramref name="language"/> that contains <paramref name="marker"/>.</summary>
    private static string ReadmeBlockWith(string language, string marker)
    {
        var blocks = Regex.Matches(File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "README.md")), "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        var block = blocks.Select(m => m.Groups[1].Value).SingleOrDefault(b => b.Contains(marker, StringComparison.Ordinal));
        Assert.True(block is not null, $"README.md has no {language} block with {marker}");
        return block;
    }

    /// <summary>An integration test as a user writes one: the fake started for the generated client, a call, what it received, and a refusal.</summary>
    private const string FakeConsumerProgram = """"
        using System.Net.Http.Headers;
        using System.Text;
        using System.Text.Json.Nodes;
        using Feishu.Corehr.V2;
        using FeishuApiGen.Testing;

        await using var fake = await FakeFeishu.StartAsync<FeishuClient>();
        using var feishu = new FeishuClient(fake.ClientOptions());
        var created = await feishu.Corehr.V2.ProbationAssessment.CreateAsync(new CreateProbationAssessmentRequest
        {
            EmploymentId = "7140964208476371111",
            Assessments = [new CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = AssessmentStatus.Completed, IsFinalAsssessment = false }],
        });
        Console.WriteLine("ids: " + string.Join(",", created.AssessmentIds));
        var sent = fake.RequestsTo(CreateProbationAssessmentRequest.FeishuEndpoint)[0].ReadAs<CreateProbationAssessmentRequest>();
        Console.WriteLine("sent: " + sent.EmploymentId + " " + sent.Assessments![0].AssessmentStatus);

        // Around the client, which would refuse this before sending: the fake refuses it as Feishu does.
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        using var token = await http.PostAsync(FakeFeishu.TokenPath, new StringContent($$"""{"app_id":"{{fake.ClientOptions().AppId}}","app_secret":"{{fake.ClientOptions().AppSecret}}"}""", Encoding.UTF8, "application/json"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["tenant_access_token"]!);
        using var refused = await http.PostAsync(CreateProbationAssessmentRequest.FeishuEndpoint.PathTemplate, new StringContent("""{"assessments":[]}""", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Console.WriteLine($"refused: {(int)refused.StatusCode} {body["code"]} {body["error"]!["field_violations"]![0]!["field"]}");
        Console.WriteLine("readme unit: " + await ReadmeTesting.UnitAsync());
        Console.WriteLine("readme integration: " + await ReadmeTesting.IntegrationAsync(new CreateProbationAssessmentRequest
        {
            EmploymentId = "7140964208476371112",
            Assessments = [new CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = AssessmentStatus.Completed, IsFinalAsssessment = true }],
        }) + " requests");
        """";

    [Fact]
    public async Task A_consumer_of_the_packages_sends_on_the_wire_exactly_what_the_official_Node_SDK_sends()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_a", AppSecret = "s" });
        server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, DocResponse, logId: "20261126-loopback"));

        var consumer = WriteConsumer("spec-format-example", SpecFormatPage.SeedSpecYaml, ConsumerProgram());
        var (exitCode, output) = await DotNetCli.RunAsync(
            consumer,
            new Dictionary<string, string> { ["FEISHU_BASE_ADDRESS"] = server.BaseAddress.ToString(), ["NUGET_PACKAGES"] = feed.PackagesFolder },
            TimeSpan.FromMinutes(5),
            "run", "-c", "Release");

        Assert.True(exitCode == 0, "the consumer failed:\n" + output);
        Assert.Contains("ids: 7140964208476371991", output, StringComparison.Ordinal);

        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "node-sdk-wire.json")))!["requests"]!.AsArray();
        var ours = server.Requests;
        Assert.Equal(node.Count, ours.Count);
        for (var i = 0; i < node.Count; i++)
        {
            var expected = node[i]!;
            var actual = ours[i];
            Assert.Equal((string)expected["method"]!, actual.Method);
            Assert.Equal((string)expected["path"]!, actual.Path);
            Assert.Equal((string)expected["query"]!, WithoutGeneratedClientToken(actual));
            Assert.True(
                JsonNode.DeepEquals(expected["body"], JsonNode.Parse(actual.Body)),
                $"request {i} body differs from the Node SDK's.\n node: {expected["body"]!.ToJsonString()}\n ours: {actual.Body}");
        }

        var create = ours[1];
        Assert.Equal("Bearer " + server.IssuedTokens.Single(), create.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", create.Header("Content-Type"));
    }

    /// <summary>
    /// The query without the <c>client_token</c> our runtime fills when the caller leaves it empty (the Node SDK sends
    /// none); asserts the filled key is there and fresh, so the comparison cannot pass by dropping it.
    /// </summary>
    private static string WithoutGeneratedClientToken(ReceivedRequest request)
    {
        if (request.Path != CreatePath)
        {
            return request.QueryString;
        }

        var key = Assert.Single(request.Query("client_token"));
        Assert.Matches("^[0-9a-f]{32}$", key);
        return request.QueryString.Replace("client_token=" + key + "&", string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NativeAOT_consumer_publishes_with_no_trim_or_AOT_warnings_and_runs()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_a", AppSecret = "s" });
        server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, DocResponse));
        var consumer = WriteConsumer("native-aot", SpecFormatPage.SeedSpecYaml, ConsumerProgram(), "<PublishAot>true</PublishAot>");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder };

        var (publishExit, publishOutput) = await DotNetCli.RunAsync(
            consumer, environment, TimeSpan.FromMinutes(10),
            // The machine's package cache, read-only, spares a download of the AOT compiler when it is already there.
            "publish", "-c", "Release", "-r", "linux-x64", "-o", "out", "-p:RestoreFallbackFolders=" + UserPackagesFolder());

        Assert.True(publishExit == 0, "publish failed:\n" + publishOutput);
        Assert.DoesNotMatch(new Regex(@"warning (IL|CS)\d+"), publishOutput);
        // Native code only: an IL build would ship Consumer.dll and the runtime package's assembly.
        Assert.False(File.Exists(Path.Combine(consumer, "out", "Consumer.dll")), "the publish was not NativeAOT");
        Assert.False(File.Exists(Path.Combine(consumer, "out", "FeishuApiGen.Runtime.dll")), "the publish was not NativeAOT");

        var native = new System.Diagnostics.ProcessStartInfo(Path.Combine(consumer, "out", "Consumer")) { RedirectStandardOutput = true, RedirectStandardError = true };
        native.Environment["FEISHU_BASE_ADDRESS"] = server.BaseAddress.ToString();
        using var process = System.Diagnostics.Process.Start(native)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(process.ExitCode == 0, "the native consumer failed:\n" + output);
        Assert.Contains("ids: 7140964208476371991", output, StringComparison.Ordinal);
        Assert.Single(server.ApiRequests);
    }

    [Fact]
    public async Task A_consumer_choosing_from_the_catalogue_gets_those_endpoints_and_its_own_spec_replaces_the_catalogues()
    {
        await using var server = await FakeFeishu.StartAsync(new FakeFeishuOptions { AppId = "cli_a", AppSecret = "s" });
        server.Map("POST", CreatePath, _ => FakeAnswer.Json(200, DocResponse));
        // The doc's seed spec is the project's own spec for corehr.v2.probation.assessment.create, which the wildcard also
        // chooses from the catalogue: the project's wins. The catalogue's shared types file serves both.
        var program = ConsumerProgram() + """
            Console.WriteLine("catalogue: " + typeof(Feishu.Corehr.V2.SearchProbationRequest).Name + ", " + typeof(Feishu.Corehr.V1.GetCompanyRequest).Name);
            """;
        var consumer = WriteConsumer(
            "catalogue-choice",
            SpecFormatPage.SeedSpecYaml,
            program,
            extraProperties: "<FeishuApis>corehr.v2.probation.*</FeishuApis>",
            extraItems: "<FeishuApi Include=\"corehr.v1.company.get\" />",
            seedSharedTypes: false);
        var environment = new Dictionary<string, string> { ["FEISHU_BASE_ADDRESS"] = server.BaseAddress.ToString(), ["NUGET_PACKAGES"] = feed.PackagesFolder };

        // An info diagnostic is not printed by the command-line build; the compiler's SARIF log has every diagnostic.
        var (buildExit, buildOutput) = await DotNetCli.RunAsync(consumer, environment, TimeSpan.FromMinutes(5), "build", "-c", "Release", "-p:ErrorLog=build.sarif%2Cversion=2.1");
        Assert.True(buildExit == 0, "the consumer failed to build:\n" + string.Join("\n", buildOutput.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct()));
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(consumer, "build.sarif")))!["runs"]![0]!["results"]!.AsArray();
        var replaced = Assert.Single(results, r => (string?)r!["ruleId"] == "FAG018")!;
        Assert.Equal("note", (string?)replaced["level"]);
        Assert.StartsWith("This spec replaces the catalogue's spec of 'corehr.v2.probation.assessment.create'", (string?)replaced["message"]!["text"], StringComparison.Ordinal);
        Assert.EndsWith("specs/endpoint.yaml", (string?)replaced["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"], StringComparison.Ordinal);
        Assert.DoesNotContain(results, r => (string?)r!["level"] is "warning" or "error");

        var (runExit, runOutput) = await DotNetCli.RunAsync(consumer, environment, TimeSpan.FromMinutes(2), "run", "-c", "Release", "--no-build");
        Assert.True(runExit == 0, "the consumer failed:\n" + runOutput);
        Assert.Contains("ids: 7140964208476371991", runOutput, StringComparison.Ordinal);
        Assert.Contains("catalogue: SearchProbationRequest, GetCompanyRequest", runOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalogue_choice_that_matches_no_endpoint_fails_the_build_naming_it()
    {
        var consumer = WriteConsumer(
            "catalogue-typo",
            SpecFormatPage.SeedSpecYaml,
            "System.Console.WriteLine(\"never built\");\n",
            extraItems: "<FeishuApi Include=\"corehr.v2.probation.asessment.create\" />",
            seedSharedTypes: false);

        var (exitCode, output) = await DotNetCli.RunAsync(
            consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder }, TimeSpan.FromMinutes(5), "build", "-c", "Release");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error FAG019: FeishuApi 'corehr.v2.probation.asessment.create' matches no endpoint of the FeishuApiGen catalogue", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_README_links_each_repository_file_absolutely_to_a_file_that_exists()
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Feed, $"FeishuApiGen.{feed.Version}.nupkg"));
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
        var packed = reader.ReadToEnd();
        var targets = Regex.Matches(packed, @"\]\(([^)\s]+)\)").Select(m => m.Groups[1].Value).ToList();
        var intoRepository = RepositoryRoot.Url + "/blob/main/";

        Assert.Contains(targets, t => t.StartsWith(intoRepository + "docs/", StringComparison.Ordinal));
        // On the package page a relative link leads nowhere: every link is to the web or to a heading of the page itself.
        Assert.All(targets, t => Assert.True(t.StartsWith("https://", StringComparison.Ordinal) || t.StartsWith('#'), "relative link: " + t));
        Assert.All(targets.Where(t => t.StartsWith(intoRepository, StringComparison.Ordinal)), t =>
        {
            var file = t[intoRepository.Length..].Split('#')[0];
            Assert.True(File.Exists(Path.Combine(PackedFeed.RepoRoot, file)) || Directory.Exists(Path.Combine(PackedFeed.RepoRoot, file)), "no such file: " + file);
        });

        // Nothing but the links changed.
        var readme = File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "README.md"));
        Assert.Equal(readme.Replace("](", "](" + intoRepository, StringComparison.Ordinal).Replace("](" + intoRepository + "https://", "](https://", StringComparison.Ordinal).Replace("](" + intoRepository + "#", "](#", StringComparison.Ordinal).TrimEnd(), packed.TrimEnd());
    }

    [Fact]
    public async Task READMEs_example_compiles_as_written_with_implicit_usings_and_specs_in_nested_folders()
    {
        const string NestedSpec = """
            spec_version: 1
            api: { project: contoso, version: v1, resource: thing, name: create }
            title: Create a thing
            http: { method: POST, path: /open-apis/contoso/v1/things }
            access_tokens: [tenant]
            body:
              name: { type: string, required: true }
            """;
        var consumer = WriteConsumer("readme-example", specYaml: null, ReadmeBlock("csharp"), extraProperties: "<FeishuApis>corehr.v2.probation.*</FeishuApis>", seedSharedTypes: false);
        Directory.CreateDirectory(Path.Combine(consumer, "specs", "contoso", "v1"));
        File.WriteAllText(Path.Combine(consumer, "specs", "contoso", "v1", "contoso.v1.thing.create.yaml"), NestedSpec);
        File.WriteAllText(Path.Combine(consumer, "Nested.cs"), "internal static class Nested { public static string Name => typeof(Feishu.Contoso.V1.CreateThingRequest).Name; }\n");

        var (exitCode, output) = await DotNetCli.RunAsync(
            consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder }, TimeSpan.FromMinutes(5), "build", "-c", "Release");

        // Warnings are errors in the consumer: the example compiles cleanly, and the nested spec generated its type.
        Assert.True(exitCode == 0, "README's example did not compile:\n" + string.Join("\n", output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct()));
    }

    [Fact]
    public async Task A_project_that_feeds_the_generator_nothing_is_warned_with_a_help_link_to_its_entry_in_the_docs()
    {
        var consumer = WriteConsumer("nothing-chosen", specYaml: null, "System.Console.WriteLine(typeof(Feishu.FeishuClient).Name);\n", extraProperties: "<TreatWarningsAsErrors>false</TreatWarningsAsErrors>", seedSharedTypes: false);

        var (exitCode, output) = await DotNetCli.RunAsync(
            consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder }, TimeSpan.FromMinutes(5), "build", "-c", "Release", "-p:ErrorLog=build.sarif%2Cversion=2.1");

        Assert.True(exitCode == 0, "the consumer failed to build:\n" + output);
        Assert.Contains("warning FAG025: FeishuApiGen is referenced but no endpoint spec reached it", output, StringComparison.Ordinal);
        var rules = JsonNode.Parse(File.ReadAllText(Path.Combine(consumer, "build.sarif")))!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        var rule = Assert.Single(rules, r => (string?)r!["id"] == "FAG025")!;
        var helpUri = (string?)rule["helpUri"];
        Assert.Equal(RepositoryRoot.Url + "/blob/main/docs/diagnostics.md#fag025", helpUri);
        Assert.Contains("<a id=\"fag025\"></a>FAG025", File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "docs", "diagnostics.md")), StringComparison.Ordinal);
    }

    /// <summary>README's first code block in <paramref name="language"/>, as a user copies it.</summary>
    private static string ReadmeBlock(string language)
    {
        var match = Regex.Match(File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "README.md")), "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no {language} block");
        return match.Groups[1].Value;
    }

    private static string UserPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Fact]
    public async Task A_malformed_spec_in_a_consumer_fails_its_build_with_a_located_diagnostic_and_no_crash()
    {
        var broken = SpecFormatPage.SeedSpecYaml.Replace("method: POST", "method: FETCH", StringComparison.Ordinal);
        Assert.NotEqual(SpecFormatPage.SeedSpecYaml, broken);
        var consumer = WriteConsumer("broken-spec", broken, "System.Console.WriteLine(\"never built\");\n");

        var (exitCode, output) = await DotNetCli.RunAsync(
            consumer,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesFolder },
            TimeSpan.FromMinutes(5),
            "build", "-c", "Release");

        Assert.NotEqual(0, exitCode);
        var line = broken.Split('\n').ToList().FindIndex(l => l.Contains("FETCH", StringComparison.Ordinal)) + 1;
        var column = broken.Split('\n')[line - 1].IndexOf("FETCH", StringComparison.Ordinal) + 1;
        Assert.Matches(new Regex($@"specs[/\\]endpoint\.yaml\({line},{column}\): error FAG004: HTTP method 'FETCH' is not supported"), output);
        Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);
    }

    private string WriteConsumer(string name, string? specYaml, string program, string extraProperties = "", string extraItems = "", bool seedSharedTypes = true)
    {
        var directory = Path.Combine(feed.Root, name);
        Directory.CreateDirectory(Path.Combine(directory, "specs"));
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FeishuApiGen" Version="{feed.Version}" />
                {ReadmeAdditionalFiles()}
                {extraItems}
              </ItemGroup>
            </Project>
            """);
        // Adds the packed feed to whatever sources the machine has; nothing else is configured.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="feishuapigen-packed" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        if (specYaml is not null)
        {
            File.WriteAllText(Path.Combine(directory, "specs", "endpoint.yaml"), specYaml);
        }

        if (seedSharedTypes)
        {
            File.WriteAllText(Path.Combine(directory, "specs", "types.yaml"), SpecFormatPage.SeedSharedTypesYaml);
        }

        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return directory;
    }

    /// <summary>The AdditionalFiles item README's package example gives, so every consumer here uses it as written.</summary>
    private static string ReadmeAdditionalFiles()
    {
        var match = Regex.Match(ReadmeBlock("xml"), "<AdditionalFiles Include=\"[^\"]+\" />");
        Assert.True(match.Success, "README's package example has no AdditionalFiles item");
        return match.Value;
    }

    /// <summary>The usage example of docs/spec-format.md, verbatim except that the client is pointed at the loopback stand-in.</summary>
    private static string ConsumerProgram()
    {
        var example = SpecFormatPage.UsageExample;
        const string Credentials = "AppSecret = \"s\" }";
        Assert.Contains(Credentials, example, StringComparison.Ordinal);
        example = example.Replace(Credentials, "AppSecret = \"s\", BaseAddress = new Uri(Environment.GetEnvironmentVariable(\"FEISHU_BASE_ADDRESS\")!) }", StringComparison.Ordinal);
        return $$"""
            using Feishu;
            using Feishu.Corehr.V2;
            using FeishuApiGen;

            var cancellationToken = CancellationToken.None;
            {{example}}
            Console.WriteLine("ids: " + string.Join(",", ids));
            """;
    }
}

/// <summary>The code blocks of docs/spec-format.md, read from the page so the test and the page cannot drift.</summary>
internal static class SpecFormatPage
{
    private static readonly string Page = File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "docs", "spec-format.md"));

    public static string SeedSpecYaml => Block("## The seed endpoint, complete", "yaml");

    public static string SeedSharedTypesYaml => Block("### Shared types of the seed", "yaml");

    public static string UsageExample => Block("## What the generated code is expected to look like in use", "csharp");

    private static string Block(string heading, string language)
    {
        var match = Regex.Match(Page, Regex.Escape(heading) + ".*?```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/spec-format.md has no {language} block under '{heading}'");
        return match.Groups[1].Value;
    }
}
