using Reporting.Features.Summaries;

namespace Reporting.Pages.Samordnare;

/// <summary>The quarterly summaries to print: the current quarter and the seven before it, each in both versions.</summary>
public sealed class SammanstallningModel(Features.Organisation.Organisation organisation) : CoordinatorPage
{
    public IReadOnlyList<Quarter> Quarters { get; private set; } = [];

    public void OnGet()
    {
        var quarter = Quarter.Of(organisation.Today());
        var quarters = new List<Quarter>();
        for (var i = 0; i < QuarterAggregation.TrendQuarters; i++)
        {
            quarters.Add(quarter);
            quarter = quarter.Previous;
        }

        Quarters = quarters;
    }
}
