using System.Collections.Generic;
using System.Linq;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Emit;

/// <summary>
/// Writes <c>FeishuClient</c> and the group classes that lead to each endpoint, e.g.
/// <c>feishu.Corehr.V2.ProbationAssessment.CreateAsync</c>, the way Feishu's official SDKs group them.
/// </summary>
internal static class ClientEmitter
{
    public const string HintName = "FeishuClient.g.cs";

    private const string Connection = TypeNames.Runtime + "FeishuConnection";

    public static string Emit(string rootNamespace, EquatableArray<ApiIdentity> apis)
    {
        var w = new SourceWriter();
        FileHeader.Write(w, "the client and its endpoint groups");
        var projects = apis.GroupBy(a => a.ProjectPascal).OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();

        w.Open("namespace " + rootNamespace);
        w.Line("/// <summary>");
        w.Line("/// The Feishu (Lark) Open Platform client generated from this project's endpoint specs.");
        w.Line("/// Endpoints are grouped as Feishu's official SDKs group them: <c>client.Corehr.V2.ProbationAssessment.CreateAsync(...)</c>.");
        w.Line("/// </summary>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        var client = "global::" + rootNamespace + ".FeishuClient";
        w.Open("public sealed partial class FeishuClient : global::System.IDisposable, " + TypeNames.Runtime + "IFeishuClient<" + client + ">");
        w.Line("private readonly bool _ownsConnection;");
        foreach (var project in projects)
        {
            w.Line("private " + GroupType(rootNamespace, project.Key) + "? _" + Camel(project.Key) + ";");
        }

        w.Line();
        w.Line("/// <summary>Creates a client that owns its own <see cref=\"global::System.Net.Http.HttpClient\"/>.</summary>");
        w.Line("/// <param name=\"options\">App credentials and the platform's address.</param>");
        w.Line("public FeishuClient(" + TypeNames.Runtime + "FeishuClientOptions options)");
        w.Line("    : this(new " + Connection + "(options), ownsConnection: true)");
        w.Open(string.Empty).Close();
        w.Line();
        w.Line("/// <summary>Creates a client over the caller's <see cref=\"global::System.Net.Http.HttpClient\"/> (e.g. from IHttpClientFactory), which it never disposes.</summary>");
        w.Line("/// <param name=\"options\">App credentials and the platform's address.</param>");
        w.Line("/// <param name=\"httpClient\">The HTTP client to send with.</param>");
        w.Line("public FeishuClient(" + TypeNames.Runtime + "FeishuClientOptions options, global::System.Net.Http.HttpClient httpClient)");
        w.Line("    : this(new " + Connection + "(options, httpClient), ownsConnection: true)");
        w.Open(string.Empty).Close();
        w.Line();
        w.Line("/// <summary>Creates a client over a shared connection (one token cache), which it does not dispose.</summary>");
        w.Line("/// <param name=\"connection\">The connection to send through.</param>");
        w.Line("public FeishuClient(" + Connection + " connection)");
        w.Line("    : this(connection, ownsConnection: false)");
        w.Open(string.Empty).Close();
        w.Line();
        w.Open("private FeishuClient(" + Connection + " connection, bool ownsConnection)");
        w.Line("this.Connection = connection ?? throw new global::System.ArgumentNullException(nameof(connection));");
        w.Line("_ownsConnection = ownsConnection;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Creates a client over a shared connection, for <c>services.AddFeishu&lt;FeishuClient&gt;()</c>.</summary>");
        w.Line("/// <param name=\"connection\">The connection to send through; not disposed by the client.</param>");
        w.Line("static " + client + " " + TypeNames.Runtime + "IFeishuClient<" + client + ">.Create(" + Connection + " connection) => new " + client + "(connection);");
        w.Line();
        w.Line("/// <summary>The connection that sends every call: tokens, envelope and errors.</summary>");
        w.Line("public " + Connection + " Connection { get; }");
        foreach (var project in projects)
        {
            w.Line();
            w.Line("/// <summary>The <c>" + Literals.XmlDoc(project.First().Project) + "</c> endpoints.</summary>");
            w.Line("public " + GroupType(rootNamespace, project.Key) + " " + project.Key + " => _" + Camel(project.Key) + " ??= new " + GroupType(rootNamespace, project.Key) + "(this.Connection);");
        }

        w.Line();
        w.Line("/// <summary>Disposes the connection when this client created it.</summary>");
        w.Open("public void Dispose()");
        w.Line("if (_ownsConnection)");
        w.Open(string.Empty).Line("this.Connection.Dispose();").Close();
        w.Close();
        w.Close();
        w.Close();

        foreach (var project in projects)
        {
            var versions = project.GroupBy(a => a.VersionPascal).OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();
            w.Line();
            w.Open("namespace " + rootNamespace + "." + project.Key);
            EmitGroup(w, project.Key + "Api", "The <c>" + Literals.XmlDoc(project.First().Project) + "</c> endpoints, by version.",
                versions.Select(v => (v.Key, GroupType(rootNamespace, project.Key, v.Key), "Version <c>" + Literals.XmlDoc(v.First().Version) + "</c>.")));
            w.Close();

            foreach (var version in versions)
            {
                var resources = version.GroupBy(a => a.ResourcePascal).OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();
                w.Line();
                var versionNamespace = TypeNames.NamespaceOf(rootNamespace, project.First().Project, version.First().Version);
                w.Open("namespace " + versionNamespace);
                EmitGroup(w, project.Key + version.Key + "Api", "The <c>" + Literals.XmlDoc(project.First().Project + " " + version.First().Version) + "</c> endpoints, by resource.",
                    resources.Select(r => (r.Key, "global::" + versionNamespace + "." + r.Key + "Api", "The <c>" + Literals.XmlDoc(r.First().Resource) + "</c> endpoints.")));
                foreach (var resource in resources)
                {
                    w.Line();
                    EmitGroup(w, resource.Key + "Api", "The <c>" + Literals.XmlDoc(resource.First().Resource) + "</c> endpoints of " + Literals.XmlDoc(project.First().Project + " " + version.First().Version) + ".",
                        Enumerable.Empty<(string, string, string)>());
                }

                w.Close();
            }
        }

        return w.ToString();
    }

    private static string GroupType(string rootNamespace, string project) => "global::" + rootNamespace + "." + project + "." + project + "Api";

    private static string GroupType(string rootNamespace, string project, string version) =>
        "global::" + rootNamespace + "." + project + "." + version + "." + project + version + "Api";

    private static void EmitGroup(SourceWriter w, string name, string summary, IEnumerable<(string Property, string Type, string Summary)> children)
    {
        var childList = children.ToList();
        w.Line("/// <summary>" + summary + "</summary>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public sealed partial class " + name);
        foreach (var child in childList)
        {
            w.Line("private " + child.Type + "? _" + Camel(child.Property) + ";");
        }

        if (childList.Count > 0)
        {
            w.Line();
        }

        w.Open("internal " + name + "(" + Connection + " connection)");
        w.Line("this.Connection = connection;");
        w.Close();
        w.Line();
        // Private, so completion on a group shows its endpoints only; the endpoint files are parts of this class.
        w.Line("/// <summary>The connection calls are sent through.</summary>");
        w.Line("private " + Connection + " Connection { get; }");
        foreach (var child in childList)
        {
            w.Line();
            w.Line("/// <summary>" + child.Summary + "</summary>");
            w.Line("public " + child.Type + " " + child.Property + " => _" + Camel(child.Property) + " ??= new " + child.Type + "(this.Connection);");
        }

        w.Close();
    }

    private static string Camel(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
}
