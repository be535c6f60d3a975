using System;
using System.IO;
using FeishuApiGen.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>Loads a spec file's one YAML document, turning every way YamlDotNet fails into a located FAG001.</summary>
internal static class YamlDocument
{
    /// <summary>The root mapping, or null after reporting why there is none.</summary>
    public static YamlMappingNode? Load(string text, SpecDiagnostics diagnostics)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new GuardedParser(new Parser(scanner));
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
            if (stream.Documents.Count > 1)
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidValue, stream.Documents[1].RootNode, "spec", "a spec file holds one YAML document; split the others into their own files");
            }
        }
        catch (YamlException ex)
        {
            // Some YamlDotNet errors (a tab in the indentation) carry no position: the scanner's is the best there is.
            var unplaced = ex.Start.Index == 0 && ex.End.Index == 0;
            var at = unplaced ? scanner.CurrentPosition : ex.Start;
            diagnostics.Report(DiagnosticDescriptors.YamlSyntax, at, unplaced ? scanner.CurrentPosition : ex.End, ex.Message.Replace("\r", " ").Replace("\n", " ") + DocVocabulary.FlowListTypeHint(text, at.Line));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) for a line at the margin inside an open { or [.
            diagnostics.Report(DiagnosticDescriptors.YamlSyntax, scanner.CurrentPosition, scanner.CurrentPosition,
                "this line is inside a '{' or '[' opened above that is not closed; close it, or indent the line");
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet's loader throws this (not a YamlException) when its parser ends a mapping halfway through an entry.
            var near = parser.Previous;
            diagnostics.Report(DiagnosticDescriptors.YamlSyntax, near?.Start ?? scanner.CurrentPosition, near?.End ?? scanner.CurrentPosition,
                "the YAML breaks off here; look for a ':' with no key before it, or a key with no value");
            return null;
        }

        if (root is null)
        {
            diagnostics.Report(DiagnosticDescriptors.InvalidValue, new Mark(), new Mark(), "spec", "the file must be a YAML mapping of spec keys");
        }

        return root;
    }
}
