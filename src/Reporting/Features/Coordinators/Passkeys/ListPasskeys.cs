using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>The signed-in coordinator's own passkeys, oldest first.</summary>
public sealed record ListPasskeysQuery(string Actor) : IQuery<IReadOnlyList<PasskeyView>>;

public sealed class ListPasskeysHandler(UserManager<CoordinatorAccount> users, ReportingDbContext db) : IQueryHandler<ListPasskeysQuery, IReadOnlyList<PasskeyView>>
{
    public async ValueTask<IReadOnlyList<PasskeyView>> Handle(ListPasskeysQuery query, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(query.Actor);
        if (account is null)
        {
            return [];
        }

        var passkeys = await db.Set<CoordinatorPasskey>().AsNoTracking().Where(p => p.AccountId == account.Id).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        return [.. passkeys.Select(p => new PasskeyView(p.Id, PasskeyNames.Of(p.Number), p.AddedOn, p.LastUsedOn))];
    }
}
