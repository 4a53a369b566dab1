using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Coordinators.Passkeys;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// "Passkeys": the coordinator's own passkeys, to sign in with instead of the authenticator code.
/// Adding one needs the browser's WebAuthn (script); removing one is a plain form.
/// </summary>
public sealed class PasskeysModel(IMediator mediator) : CoordinatorPage
{
    public IReadOnlyList<PasskeyView> Passkeys { get; private set; } = [];

    public bool Removed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Passkeys = await mediator.Send(new ListPasskeysQuery(User.Name()), cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        Removed = await mediator.Send(new RemovePasskeyCommand(User.Name(), id), cancellationToken);
        if (!Removed)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        Passkeys = await mediator.Send(new ListPasskeysQuery(User.Name()), cancellationToken);
        return Page();
    }
}
