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
        w.Open("public partial class FeishuClient : global::System.IDisposable, " + TypeNames.Runtime + "IFeishuClient<" + client + ">");
        w.Line("private readonly " + Connection + "? _connection;");
        w.Line("private readonly bool _ownsConnection;");
        foreach (var project in projects)
        {
            w.Line("private " + GroupType(rootNamespace, project.Key) + "? _" + Naming.Camel(project.Key) + ";");
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
        EmitMockingConstructor(w, "FeishuClient");
        w.Line();
        w.Open("private FeishuClient(" + Connection + " connection, bool ownsConnection)");
        w.Line("_connection = connection ?? throw new global::System.ArgumentNullException(nameof(connection));");
        w.Line("_ownsConnection = ownsConnection;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Creates a client over a shared connection, for <c>services.AddFeishu&lt;FeishuClient&gt;()</c>.</summary>");
        w.Line("/// <param name=\"connection\">The connection to send through; not disposed by the client.</param>");
        w.Line("static " + client + " " + TypeNames.Runtime + "IFeishuClient<" + client + ">.Create(" + Connection + " connection) => new " + client + "(connection);");
        w.Line();
        EmitEndpointContracts(w, rootNamespace, client, apis);
        w.Line();
        w.Line("/// <summary>The connection that sends every call: tokens, envelope and errors.</summary>");
        w.Line("/// <exception cref=\"global::System.InvalidOperationException\">This instance was made for mocking and has none.</exception>");
        w.Line("public " + Connection + " Connection => _connection ?? throw " + NoConnection + ";");
        foreach (var project in projects)
        {
            w.Line();
            w.Line("/// <summary>The <c>" + Literals.XmlDoc(project.First().Project) + "</c> endpoints.</summary>");
            w.Line("public virtual " + GroupType(rootNamespace, project.Key) + " " + project.Key + " => _" + Naming.Camel(project.Key) + " ??= new " + GroupType(rootNamespace, project.Key) + "(this.Connection);");
        }

        w.Line();
        w.Line("/// <summary>Disposes the connection when this client created it.</summary>");
        w.Open("public void Dispose()");
        w.Line("if (_ownsConnection)");
        w.Open(string.Empty).Line("_connection?.Dispose();").Close();
        w.Line();
        w.Line("global::System.GC.SuppressFinalize(this);");
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
                w.Line();
                w.Line("/// <summary>Builds the responses of <c>" + Literals.XmlDoc(project.First().Project + " " + version.First().Version) + "</c> endpoints as a mocked call returns them, for unit tests: every member optional, with the HTTP answer it came in.</summary>");
                w.Line(FileHeader.GeneratedCodeAttribute);
                w.Open("public static partial class " + project.Key + version.Key + "ModelFactory");
                w.Close();
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

    /// <summary>
    /// What a member of an instance made for mocking throws when the mock did not set it up: that instance has no
    /// connection to send with.
    /// </summary>
    private const string NoConnection = "new global::System.InvalidOperationException(\"This instance was made by the protected constructor, for mocking, and has no connection: set up the member called on the mock, or build the client with options or a connection.\")";

    /// <summary>
    /// The protected parameterless constructor mocking libraries (Moq, NSubstitute) need, as Azure's clients have: with
    /// it and virtual members, <c>feishu.Corehr.V2.Probation.SearchAsync</c> can be set up on a mock at any depth.
    /// </summary>
    private static void EmitMockingConstructor(SourceWriter w, string name)
    {
        w.Line("/// <summary>For mocking: an instance without a connection, whose virtual members a mock sets up.</summary>");
        w.Open("protected " + name + "()");
        w.Close();
    }

    /// <summary>The contract of every endpoint generated, for a stand-in for Feishu that answers them all.</summary>
    private static void EmitEndpointContracts(SourceWriter w, string rootNamespace, string client, EquatableArray<ApiIdentity> apis)
    {
        w.Line("/// <summary>The contract of every endpoint this client calls, for a stand-in for Feishu (FeishuApiGen.Testing).</summary>");
        w.Line("static global::System.Collections.Generic.IReadOnlyList<" + TypeNames.Runtime + "FeishuEndpointContract> " + TypeNames.Runtime + "IFeishuClient<" + client + ">.EndpointContracts => new " + TypeNames.Runtime + "FeishuEndpointContract[]");
        w.Line("{");
        foreach (var api in apis.OrderBy(a => a.Id, System.StringComparer.Ordinal))
        {
            var request = "global::" + TypeNames.NamespaceOf(rootNamespace, api.Project, api.Version) + "." + api.RequestTypeName;
            w.Line("    " + TypeNames.Runtime + "FeishuEndpointContract.For<" + request + ">(),");
        }

        w.Line("};");
    }

    private static string GroupType(string rootNamespace, string project) => "global::" + rootNamespace + "." + project + "." + project + "Api";

    private static string GroupType(string rootNamespace, string project, string version) =>
        "global::" + rootNamespace + "." + project + "." + version + "." + project + version + "Api";

    private static void EmitGroup(SourceWriter w, string name, string summary, IEnumerable<(string Property, string Type, string Summary)> children)
    {
        var childList = children.ToList();
        w.Line("/// <summary>" + summary + "</summary>");
        w.Line(FileHeader.GeneratedCodeAttribute);
        w.Open("public partial class " + name);
        w.Line("private readonly " + Connection + "? _connection;");
        foreach (var child in childList)
        {
            w.Line("private " + child.Type + "? _" + Naming.Camel(child.Property) + ";");
        }

        w.Line();
        w.Open("internal " + name + "(" + Connection + " connection)");
        w.Line("_connection = connection;");
        w.Close();
        w.Line();
        EmitMockingConstructor(w, name);
        w.Line();
        // Private, so completion on a group shows its endpoints only; the endpoint files are parts of this class.
        w.Line("/// <summary>The connection calls are sent through.</summary>");
        w.Line("private " + Connection + " Connection => _connection ?? throw " + NoConnection + ";");
        foreach (var child in childList)
        {
            w.Line();
            w.Line("/// <summary>" + child.Summary + "</summary>");
            w.Line("public virtual " + child.Type + " " + child.Property + " => _" + Naming.Camel(child.Property) + " ??= new " + child.Type + "(this.Connection);");
        }

        w.Close();
    }

}
