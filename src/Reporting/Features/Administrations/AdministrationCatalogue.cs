using Microsoft.Extensions.Options;
using Reporting.Features.Organisation;

namespace Reporting.Features.Administrations;

/// <summary>
/// The deployment's förvaltningar: those configured in <c>Administrations</c>, or else one made from
/// <c>Organisation:*</c> (code <see cref="Administration.SingleCode"/>), so a deployment without the
/// setting behaves exactly as before.
/// </summary>
public sealed class AdministrationCatalogue
{
    private readonly Dictionary<string, Administration> _byCode;

    public AdministrationCatalogue(IOptions<AdministrationList> configured, OrganisationProfile organisation)
    {
        All = configured.Value.Items.Count == 0
            ?
            [
                new Administration(Administration.SingleCode, organisation.Name, organisation.Units, organisation.Areas, organisation.Contact, [], IsHome: true),
            ]
            :
            [
                .. configured.Value.Items.Select((item, i) => new Administration(
                    item.Code,
                    item.Name,
                    item.Units.Count > 0 ? item.Units : organisation.Units,
                    item.Areas.Count > 0 ? item.Areas : organisation.Areas,
                    item.Contact ?? organisation.Contact,
                    item.Recipients,
                    IsHome: i == 0)),
            ];
        _byCode = All.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<Administration> All { get; }

    /// <summary>More than one: the form asks which (by address), reports name theirs, the city view exists.</summary>
    public bool AreSeveral => All.Count > 1;

    /// <summary>The first: the one rows from before several were configured belong to.</summary>
    public Administration Home => All[0];

    public Administration? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var found) ? found : null;

    /// <summary>The administration a stored row belongs to (an empty column: the home administration).</summary>
    public Administration Of(string? stored) => stored is null ? Home : Find(stored) ?? Home;

    /// <summary>The code to store for an administration: the home one of a single deployment stores nothing (as before).</summary>
    public string? Stored(Administration administration) => AreSeveral ? administration.Code : null;
}
