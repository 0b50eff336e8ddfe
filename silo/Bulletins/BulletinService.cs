using Samples.Contracts.Catalogue;
using Samples.Domain.Bulletins;
using Samples.Domain.Documents;
using Samples.Domain.Reference;
using Samples.Silo.Documents;
using Samples.Silo.Publication;

namespace Samples.Silo.Bulletins;

/// <summary>
/// Drafts a bulletin from the published results (the period and the earlier periods its trend shows), and publishes
/// exactly the draft a supervisor reviewed: the figures' SHA-256 must match, so a result published in between cannot
/// slip into a bulletin unseen.
/// </summary>
public sealed class BulletinService(PublicResultStore results, BulletinStore bulletins, DocumentStore documents, DocumentIssuer issuer, DocumentSettings settings, IGrainFactory grains, TimeProvider clock)
{
    public async Task<(BulletinScope? Scope, string? Problem)> ScopeAsync(string? text) =>
        BulletinScope.Parse(text, [.. await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync()]);

    public async Task<BulletinEdition> DraftAsync(BulletinPeriod period, BulletinScope scope, string by, CancellationToken ct)
    {
        var first = period.Earlier(BulletinComposer.TrendLength(period))[0];
        var published = await results.PublishedBetweenAsync(first.From, period.To, ct);
        var figures = BulletinComposer.Compose(period, scope, [.. published.Select(r => (r.Result, r.Status))]);
        return await bulletins.SaveDraftAsync(figures, by, clock.GetUtcNow(), ct);
    }

    /// <summary>Publishes the draft whose figures are <paramref name="reviewedSha256"/>; the outcome says why not otherwise.</summary>
    public async Task<PublishOutcome> PublishAsync(string id, string reviewedSha256, string? reason, string by, string requestBaseUrl, CancellationToken ct)
    {
        var draft = await bulletins.LatestAsync(id, ct);
        if (draft is null || draft.Published)
        {
            return new(null, draft is null ? PublishOutcome.NoDraft : PublishOutcome.NothingNew, null);
        }

        if (draft.FiguresSha256 != reviewedSha256)
        {
            return new(null, PublishOutcome.Changed, null);
        }

        var previous = await documents.LatestAsync(id, BulletinDocument.Kind, ct);
        if (previous is not null && string.IsNullOrWhiteSpace(reason))
        {
            return new(null, PublishOutcome.ReasonMissing, null);
        }

        var now = clock.GetUtcNow();
        var content = BulletinDocument.Content(draft.Figures, (previous?.Version ?? 0) + 1, previous?.Number, ChinaTime.DateOf(now));
        var code = VerificationCode.New();
        var pdf = BulletinPdf.Render(content, draft.Figures, code, issuer.VerifyUrl(requestBaseUrl, code), settings.Authority, draft: false);
        var document = new StoredDocument(content.Number, code, id, BulletinDocument.Kind, content.Version, previous?.Number,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), content.ToJson(), content.Sha256(), content.FactsSha256(),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), by, now);
        bool stored;
        try
        {
            stored = await documents.InsertAsync(document, pdf, ct, async (connection, transaction) =>
            {
                if (!await bulletins.MarkPublishedAsync(connection, transaction, draft, content.Number, by, now, ct))
                {
                    throw new BulletinChangedException();
                }
            });
        }
        catch (BulletinChangedException)
        {
            stored = false;
        }

        return stored ? new(document, null, draft with { PublishedNumber = content.Number, PublishedBy = by, PublishedAt = now }) : new(null, PublishOutcome.Changed, null);
    }

    /// <summary>A draft's PDF for review: rendered each time, marked as a draft, with no code (nothing to verify yet).</summary>
    public byte[] DraftPdf(BulletinEdition draft, string requestBaseUrl) =>
        BulletinPdf.Render(BulletinDocument.Content(draft.Figures, draft.Edition, null, ChinaTime.DateOf(clock.GetUtcNow())), draft.Figures, "DRAFT",
            $"{(settings.PublicUrl ?? requestBaseUrl).TrimEnd('/')}/app/#/bulletins/{draft.Id}", settings.Authority, draft: true);
}

/// <summary>What publishing gave: the document, or why not (no draft, nothing new, changed since reviewed, a correction without its reason).</summary>
public sealed record PublishOutcome(StoredDocument? Document, string? Refusal, BulletinEdition? Edition)
{
    public const string NoDraft = "no-draft";
    public const string NothingNew = "nothing-new";
    public const string Changed = "changed";
    public const string ReasonMissing = "reason-missing";
}

/// <summary>The draft was published or redrafted between reading and publishing: the transaction is rolled back.</summary>
public sealed class BulletinChangedException() : Exception("the bulletin's draft changed while it was being published");
