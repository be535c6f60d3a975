using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Emit;
using FeishuApiGen.Generator.Model;
using FeishuApiGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FeishuApiGen.Generator;

/// <summary>
/// Turns every Feishu endpoint spec among the project's AdditionalFiles into a typed, validated client.
/// The pipeline never looks at the C# compilation, so editing C# never re-runs it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FeishuApiGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var specs = context.AdditionalTextsProvider
            .Where(static text => SpecDetector.HasYamlExtension(text.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, _) => new SpecFile(input.Left, IsFromCatalog(input.Right.GetOptions(input.Left))))
            .Select(static (file, cancellationToken) => ParseSpec(file, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.ParsedSpecs);

        var endpointKeys = specs
            .Select(static (result, _) => result.Endpoint is null ? null : new EndpointKey(result.Endpoint.Api, result.FilePath, result.ApiLocation, result.FromCatalog))
            .Where(static key => key is not null)
            .Select(static (key, _) => key!)
            .WithTrackingName(TrackingNames.EndpointKeys)
            .Collect();

        var duplicates = endpointKeys
            .Select(static (keys, _) => FindDuplicates(keys))
            .WithTrackingName(TrackingNames.Duplicates);

        // Types cross specs in two ways only: shared types files, declared once, and the check that no two files generate
        // one C# name. Nothing here renames a type, so adding a spec never changes what another generates.
        var sharedFiles = specs
            .Select(static (result, _) => result.SharedTypes)
            .Where(static types => types is not null)
            .Select(static (types, _) => types!)
            .Collect();

        var claims = specs
            .Combine(duplicates)
            .SelectMany(static (input, _) => input.Left.Endpoint is { } endpoint && FindDuplicate(input.Right, input.Left.FilePath) is null
                ? SharedTypeIndex.ClaimsOf(endpoint)
                : Enumerable.Empty<TypeNameClaim>())
            .Collect();

        var index = sharedFiles
            .Combine(claims)
            .Select(static (input, _) => SharedTypeIndex.Build(input.Left, input.Right))
            .WithTrackingName(TrackingNames.SharedTypeIndex);

        var endpointOutputs = specs
            .Combine(duplicates)
            .Combine(index)
            .Combine(options)
            .Select(static (input, _) =>
            {
                var spec = input.Left.Left.Left;
                var duplicate = FindDuplicate(input.Left.Left.Right, spec.FilePath);
                var resolved = spec.Endpoint is { } endpoint && duplicate is null ? input.Left.Right.Resolve(endpoint, spec.ApiLocation) : null;
                return new EndpointOutput(spec, input.Right.RootNamespace, duplicate, resolved);
            })
            .WithTrackingName(TrackingNames.EndpointOutputs);

        context.RegisterSourceOutput(endpointOutputs, static (production, output) => EmitEndpoint(production, output));

        var sharedTypeOutputs = endpointOutputs
            .Select(static (output, _) => output.Resolved?.SharedTypesUsed ?? EquatableArray<string>.Empty)
            .Collect()
            .Combine(index)
            .SelectMany(static (input, _) => input.Right.Used(input.Left.SelectMany(used => used).ToImmutableArray()))
            .Combine(options)
            .Select(static (input, _) => new SharedTypesOutput(input.Left, input.Right.RootNamespace))
            .WithTrackingName(TrackingNames.SharedTypeOutputs);

        context.RegisterSourceOutput(sharedTypeOutputs, static (production, output) => EmitSharedTypes(production, output));

        var clientOutput = endpointKeys
            .Select(static (keys, _) => keys.Select(k => k.Api).Distinct().OrderBy(a => a.Id, StringComparer.Ordinal).ToEquatableArray())
            .Combine(options)
            .Select(static (input, _) => new ClientOutput(input.Right, input.Left))
            .WithTrackingName(TrackingNames.ClientOutput);

        context.RegisterSourceOutput(clientOutput, static (production, output) => EmitClient(production, output));

        // A project that references the package and feeds it nothing gets an empty client: say why at once, rather than
        // leave the user to find that FeishuClient has no endpoints.
        var noSpecReached = specs
            .Collect()
            .Select(static (all, _) => all.IsEmpty)
            .WithTrackingName(TrackingNames.NoSpecReached);

        context.RegisterSourceOutput(noSpecReached, static (production, nothing) =>
        {
            if (nothing)
            {
                production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoSpecReached, Location.None));
            }
        });
    }

    private static bool IsFromCatalog(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_metadata.AdditionalFiles.FeishuApiSource", out var source) && string.Equals(source, "catalog", StringComparison.OrdinalIgnoreCase);

    private static SpecParseResult? ParseSpec(SpecFile file, CancellationToken cancellationToken)
    {
        var result = ParseSpec(file.Text, cancellationToken);
        return result is not null && file.FromCatalog ? result with { FromCatalog = true } : result;
    }

    private static SpecParseResult? ParseSpec(AdditionalText text, CancellationToken cancellationToken)
    {
        var source = text.GetText(cancellationToken);
        if (source is null)
        {
            return null;
        }

        var content = source.ToString();
        if (!SpecDetector.LooksLikeSpec(content))
        {
            return null;
        }

        try
        {
            return SpecParser.Parse(text.Path, content, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var internalError = new DiagnosticInfo(DiagnosticDescriptors.InternalError, FileStart(text.Path), new[] { ex.GetType().Name, ex.Message });
            return new SpecParseResult(text.Path, null, ImmutableArray.Create(internalError).ToEquatableArray(), null);
        }
    }

    private static EquatableArray<DuplicateEndpoint> FindDuplicates(ImmutableArray<EndpointKey> keys)
    {
        var result = new List<DuplicateEndpoint>();
        foreach (var group in keys.GroupBy(k => k.Api.Id, StringComparer.Ordinal))
        {
            // A project's own spec wins over the catalogue's; among equals, the first path wins and the rest are errors.
            var ordered = group.OrderBy(k => k.FromCatalog).ThenBy(k => k.FilePath, StringComparer.Ordinal).ToList();
            var kept = ordered[0];
            foreach (var loser in ordered.Skip(1))
            {
                result.Add(new DuplicateEndpoint(loser.FilePath, kept.FilePath, loser.FromCatalog && !kept.FromCatalog ? kept.ApiLocation : loser.ApiLocation, loser.FromCatalog && !kept.FromCatalog));
            }
        }

        return result.ToEquatableArray();
    }

    private static DuplicateEndpoint? FindDuplicate(EquatableArray<DuplicateEndpoint> duplicates, string filePath) =>
        duplicates.FirstOrDefault(d => d.FilePath == filePath);

    private static void EmitEndpoint(SourceProductionContext production, EndpointOutput output)
    {
        foreach (var diagnostic in output.Spec.Diagnostics)
        {
            production.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        var endpoint = output.Spec.Endpoint;
        if (endpoint is null)
        {
            return;
        }

        if (output.DuplicateOf is { } duplicate)
        {
            production.ReportDiagnostic(duplicate.ReplacedByProjectSpec
                ? new DiagnosticInfo(DiagnosticDescriptors.CatalogSpecReplaced, duplicate.ApiLocation, new[] { endpoint.Api.Id, duplicate.FilePath }).ToDiagnostic()
                : new DiagnosticInfo(DiagnosticDescriptors.DuplicateEndpoint, duplicate.ApiLocation, new[] { endpoint.Api.Id, duplicate.KeptFilePath }).ToDiagnostic());
            return;
        }

        if (output.Resolved is not { } resolved)
        {
            return;
        }

        foreach (var diagnostic in resolved.Diagnostics)
        {
            production.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (resolved.Endpoint is null)
        {
            return;
        }

        try
        {
            var source = EndpointEmitter.Emit(resolved.Endpoint, output.RootNamespace);
            production.AddSource(EndpointEmitter.HintName(endpoint.Api), SourceText.From(source, System.Text.Encoding.UTF8));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            production.ReportDiagnostic(new DiagnosticInfo(DiagnosticDescriptors.InternalError, output.Spec.ApiLocation ?? FileStart(output.Spec.FilePath), new[] { ex.GetType().Name, ex.Message }).ToDiagnostic());
        }
    }

    private static void EmitSharedTypes(SourceProductionContext production, SharedTypesOutput output)
    {
        var types = output.Types;
        foreach (var diagnostic in types.Diagnostics)
        {
            production.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (types.Objects.IsEmpty && types.Enums.IsEmpty)
        {
            return;
        }

        try
        {
            production.AddSource(TypesEmitter.HintName(types.Project, types.Version), SourceText.From(TypesEmitter.EmitSharedFile(output.RootNamespace, types), System.Text.Encoding.UTF8));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            production.ReportDiagnostic(new DiagnosticInfo(DiagnosticDescriptors.InternalError, null, new[] { ex.GetType().Name, ex.Message }).ToDiagnostic());
        }
    }

    private static void EmitClient(SourceProductionContext production, ClientOutput output)
    {
        if (output.Options.Problem is { } problem)
        {
            production.ReportDiagnostic(problem.ToDiagnostic());
        }

        try
        {
            production.AddSource(ClientEmitter.HintName, SourceText.From(ClientEmitter.Emit(output.Options.RootNamespace, output.Apis), System.Text.Encoding.UTF8));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            production.ReportDiagnostic(new DiagnosticInfo(DiagnosticDescriptors.InternalError, null, new[] { ex.GetType().Name, ex.Message }).ToDiagnostic());
        }
    }

    private static LocationInfo FileStart(string path) => new(path, new TextSpan(0, 0), new LinePositionSpan(default, default));

    private sealed record SpecFile(AdditionalText Text, bool FromCatalog);

    private sealed record EndpointKey(ApiIdentity Api, string FilePath, LocationInfo? ApiLocation, bool FromCatalog);

    /// <summary>A spec that is not generated because another declares its endpoint; <paramref name="ApiLocation"/> is where the diagnostic goes.</summary>
    private sealed record DuplicateEndpoint(string FilePath, string KeptFilePath, LocationInfo? ApiLocation, bool ReplacedByProjectSpec);

    private sealed record EndpointOutput(SpecParseResult Spec, string RootNamespace, DuplicateEndpoint? DuplicateOf, ResolvedEndpoint? Resolved);

    private sealed record SharedTypesOutput(NamespaceTypes Types, string RootNamespace);

    private sealed record ClientOutput(GeneratorOptions Options, EquatableArray<ApiIdentity> Apis);
}
