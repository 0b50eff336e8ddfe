using Orleans.Hosting;
using Samples.Silo.Telemetry;

namespace Samples.Silo.Hosting;

public static class KubernetesComposition
{
    /// <summary>
    /// <c>Samples:Cluster:Kubernetes=true</c> (ops/k8s): Orleans' Kubernetes hosting reads the pod's name, namespace and IP
    /// from the environment the manifests set, and watches the pods so a silo whose pod is gone is declared dead at once
    /// rather than after missed probes. Membership stays in PostgreSQL, as everywhere else.
    /// </summary>
    public static IHostApplicationBuilder AddSamplesKubernetes(this IHostApplicationBuilder builder)
    {
        if (TelemetrySettings.Flag(builder.Configuration, "Samples:Cluster:Kubernetes", false))
        {
            // UseOrleans adds to the one silo the host already configures (OrleansComposition), not a second one.
            builder.UseOrleans(silo => silo.UseKubernetesHosting());
        }

        return builder;
    }
}
