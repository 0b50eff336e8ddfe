using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using Samples.Domain.Tests.Support;
using Samples.Silo.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Samples.Tests.Host.Deploy;

/// <summary>
/// ops/k8s, read as YAML (no cluster or kubectl here): the manifests parse, kustomize lists them, and they say what the
/// silo and Orleans' Kubernetes hosting read: the pod's identity under Orleans' own names, the setting that turns the
/// hosting on, pod rights for the watch, secrets as files, readiness on /health.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "ops", "k8s");

    [Fact]
    public void Every_manifest_parses_and_kustomize_applies_all_but_the_example_secret()
    {
        var files = System.IO.Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).ToList();
        var documents = files.ToDictionary(f => f!, f => Documents(f!));

        documents.Values.SelectMany(d => d).Should().OnlyContain(d => d.Children.ContainsKey("apiVersion") && d.Children.ContainsKey("kind"), "every document is a Kubernetes object");
        var listed = Sequence(documents["kustomization.yaml"].Single(), "resources").Select(n => n.ToString()).ToList();
        listed.Should().BeEquivalentTo(files.Where(f => f is not "kustomization.yaml" and not "secret.example.yaml"),
            "every manifest is applied, and never the example secret (its values are placeholders)");
    }

    [Fact]
    public void The_silos_run_with_Orleans_Kubernetes_hosting_rights_to_watch_pods_secrets_as_files_and_readiness_on_health()
    {
        var deployment = Documents("silo.yaml").Single(d => Text(d, "kind") == "Deployment");
        var pod = Map(Map(deployment, "spec"), "template");
        var labels = Map(Map(pod, "metadata"), "labels");
        var container = (YamlMappingNode)Sequence(Map(pod, "spec"), "containers").Single();
        var env = Sequence(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"));

        env.Keys.Should().Contain([KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
            KubernetesHostingOptions.PodIPEnvironmentVariable, KubernetesHostingOptions.ServiceIdEnvironmentVariable, KubernetesHostingOptions.ClusterIdEnvironmentVariable],
            "Orleans' Kubernetes hosting reads the pod's identity under these names");
        labels.Children.Keys.Select(k => k.ToString()).Should().Contain([KubernetesHostingOptions.ServiceIdLabel, KubernetesHostingOptions.ClusterIdLabel], "it finds its cluster's pods by these labels");
        Text(env["Samples__Cluster__ClusterId"], "value").Should().Be(Text(labels, KubernetesHostingOptions.ClusterIdLabel), "membership and the pod watch name one cluster");
        Text(env["Samples__Cluster__ServiceId"], "value").Should().Be(Text(labels, KubernetesHostingOptions.ServiceIdLabel));

        // What the silo makes of the plain settings: the hosting on, JSON logs; secrets from the mounted folder.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(env.Values.Where(e => e.Children.ContainsKey("value"))
            .Select(e => KeyValuePair.Create(Text(e, "name").Replace("__", ":", StringComparison.Ordinal), (string?)Text(e, "value")))).Build();
        TelemetrySettings.Flag(settings, "Samples:Cluster:Kubernetes", false).Should().BeTrue();
        TelemetrySettings.Read(settings).JsonLogs.Should().BeTrue();
        var mounts = Sequence(container, "volumeMounts").Cast<YamlMappingNode>();
        mounts.Should().Contain(m => Text(m, "mountPath") == settings["Samples:SecretFiles"] && Text(m, "readOnly") == "true", "the secret folder the silo reads is mounted read-only");
        env.Values.Should().NotContain(e => Text(e, "name").Contains("Password", StringComparison.OrdinalIgnoreCase) || Text(e, "name").Contains("ConnectionString", StringComparison.Ordinal),
            "no secret in the environment");

        var readiness = Map(Map(container, "readinessProbe"), "httpGet");
        Text(readiness, "path").Should().Be("/health");
        var http = Sequence(container, "ports").Cast<YamlMappingNode>().Single(p => Text(p, "name") == Text(readiness, "port"));
        new Uri(settings["Urls"]!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(Text(http, "containerPort"), "the probe reaches the port the silo listens on");

        var rbac = Documents("rbac.yaml");
        var role = rbac.Single(d => Text(d, "kind") == "Role");
        var rule = (YamlMappingNode)Sequence(role, "rules").Single();
        Sequence(rule, "resources").Select(n => n.ToString()).Should().Equal("pods");
        Sequence(rule, "verbs").Select(n => n.ToString()).Should().Contain(["get", "list", "watch", "delete"], "the hosting watches its cluster's pods and deletes a dead silo's");
        Text(Map(Map(pod, "spec"), ""), "serviceAccountName").Should().Be(Text(Map(rbac.Single(d => Text(d, "kind") == "ServiceAccount"), "metadata"), "name"));
    }

    [Fact]
    public void The_example_secret_names_settings_the_silo_reads_and_holds_no_usable_password()
    {
        var secret = Documents("secret.example.yaml").Single();
        var data = Map(secret, "stringData");

        data.Children.Keys.Select(k => k.ToString()).Should().Contain("Samples__Postgres__ConnectionString").And.OnlyContain(k => k.StartsWith("Samples__", StringComparison.Ordinal),
            "each key is a setting's environment-variable name, which the silo's key-per-file reading turns into the setting");
        new Npgsql.NpgsqlConnectionStringBuilder(Text(data, "Samples__Postgres__ConnectionString")).Password.Should().Be("CHANGE-ME", "an example, not a usable password");
        Text(data, "Samples__Messaging__RabbitMq__Password").Should().Be("CHANGE-ME");
    }

    private static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    /// <summary>The mapping under <paramref name="key"/>; an empty key is the node itself.</summary>
    private static YamlMappingNode Map(YamlMappingNode node, string key) => key.Length == 0 ? node : (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : string.Empty;
}
