namespace Samples.Silo.Documents;

public static class DocumentsComposition
{
    /// <summary>Official documents: the font checked at start (a missing font fails the start, not a document), the store, the facts and the issuer; the public results written from the same facts, and the bulletins drawn from them.</summary>
    public static IHostApplicationBuilder AddSamplesDocuments(this IHostApplicationBuilder builder)
    {
        var settings = DocumentSettings.Read(builder.Configuration);
        DocumentFont.Install(settings.FontFile);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<DocumentStore>();
        builder.Services.AddSingleton<DocumentFactsSource>();
        builder.Services.AddSingleton<DocumentIssuer>();
        builder.Services.AddSingleton<Publication.PublicResultStore>();
        builder.Services.AddSingleton<Publication.PublicResultRecorder>();
        builder.Services.AddSingleton<Bulletins.BulletinStore>();
        builder.Services.AddSingleton<Bulletins.BulletinService>();
        return builder;
    }
}
