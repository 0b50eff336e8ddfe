using Orleans.Hosting;
using Samples.Silo.Telemetry;

namespace Samples.Silo.Hosting;

public static class KubernetesComposition
{
    /// <summary>
    /// <c>Samples:SecretFiles</c> (environment <c>Samples__SecretFiles</c>): a folder of secrets mounted as files, one per
    /// setting, named like the environment variable (<c>Samples__Postgres__ConnectionString</c>). A file is read once at
    /// start and overrides appsettings and the environment, so a secret never needs to sit in the pod's environment,
    /// where <c>kubectl describe</c> and crash dumps show it. Read before the settings are checked.
    /// </summary>
    public static IHostApplicationBuilder AddSamplesSecretFiles(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration["Samples:SecretFiles"] is { Length: > 0 } folder)
        {
            if (!System.IO.Directory.Exists(folder))
            {
                throw new SettingsException($"Samples:SecretFiles '{folder}' is not a folder.");
            }

            builder.Configuration.AddKeyPerFile(folder, optional: false, reloadOnChange: false);
        }

        return builder;
    }

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
