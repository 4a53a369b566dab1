// Passkeys (WebAuthn): adding one on "Passkeys", signing in with one on "Logga in".
// Options and answers travel as WebAuthn JSON (base64url); the browser's own JSON helpers are used
// where it has them, the conversions below where it does not.
(function () {
    'use strict';

    if (!window.PublicKeyCredential || !navigator.credentials) {
        return;
    }

    function toBuffer(base64url) {
        const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((base64url.length + 3) % 4);
        return Uint8Array.from(atob(base64), c => c.charCodeAt(0)).buffer;
    }

    function toBase64url(buffer) {
        return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function creationOptions(json) {
        if (PublicKeyCredential.parseCreationOptionsFromJSON) {
            return PublicKeyCredential.parseCreationOptionsFromJSON(json);
        }
        return Object.assign({}, json, {
            challenge: toBuffer(json.challenge),
            user: Object.assign({}, json.user, { id: toBuffer(json.user.id) }),
            excludeCredentials: (json.excludeCredentials || []).map(c => Object.assign({}, c, { id: toBuffer(c.id) })),
        });
    }

    function requestOptions(json) {
        if (PublicKeyCredential.parseRequestOptionsFromJSON) {
            return PublicKeyCredential.parseRequestOptionsFromJSON(json);
        }
        return Object.assign({}, json, {
            challenge: toBuffer(json.challenge),
            allowCredentials: (json.allowCredentials || []).map(c => Object.assign({}, c, { id: toBuffer(c.id) })),
        });
    }

    function asJson(credential) {
        if (typeof credential.toJSON === 'function') {
            return credential.toJSON();
        }
        const response = credential.response;
        const encoded = {};
        for (const name of ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']) {
            if (response[name]) {
                encoded[name] = toBase64url(response[name]);
            }
        }
        if (typeof response.getTransports === 'function') {
            encoded.transports = response.getTransports();
        }
        return { id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type, response: encoded, clientExtensionResults: credential.getClientExtensionResults() };
    }

    async function post(url, token, body) {
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
            body: JSON.stringify(body),
        });
        const answer = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
        return { ok: response.ok, status: response.status, answer };
    }

    function say(element, text) {
        element.hidden = false;
        element.textContent = text;
        element.focus?.();
    }

    // Adding a passkey.
    const register = document.querySelector('[data-passkey-register]');
    if (register) {
        const status = document.getElementById('passkey-status');
        const token = register.querySelector('input[name=__RequestVerificationToken]').value;
        register.addEventListener('submit', async event => {
            event.preventDefault();
            try {
                const options = await post('/api/passkeys/options', token, {});
                if (!options.ok) {
                    say(status, 'Det gick inte att börja. Ladda om sidan och försök igen.');
                    return;
                }
                const credential = await navigator.credentials.create({ publicKey: creationOptions(options.answer) });
                const saved = await post('/api/passkeys', token, asJson(credential));
                if (saved.ok) {
                    window.location.assign('/samordnare/passkeys');
                } else {
                    say(status, 'Nyckeln kunde inte registreras. Försök igen.');
                }
            } catch (error) {
                say(status, 'Ingen nyckel lades till (avbrutet, eller så stöder webbläsaren inte nyckeln).');
            }
        });
    }

    // Signing in with e-mail, password and a passkey.
    const signIn = document.querySelector('[data-passkey-sign-in]');
    if (signIn) {
        const form = signIn.closest('form');
        const status = document.getElementById('passkey-sign-in-status');
        signIn.hidden = false;
        signIn.addEventListener('click', async () => {
            status.hidden = true;
            status.textContent = '';
            const token = form.querySelector('input[name=__RequestVerificationToken]').value;
            const back = form.querySelector('input[name=tillbaka]')?.value;
            try {
                const options = await post('/api/sign-in/passkey/options', token, {
                    email: form.querySelector('#email').value,
                    password: form.querySelector('#password').value,
                });
                if (!options.ok) {
                    say(status, options.answer?.title || 'E-postadressen, lösenordet eller nyckeln stämmer inte.');
                    return;
                }
                const assertion = await navigator.credentials.get({ publicKey: requestOptions(options.answer) });
                const url = '/api/sign-in/passkey' + (back ? '?tillbaka=' + encodeURIComponent(back) : '');
                const done = await post(url, token, asJson(assertion));
                if (done.ok) {
                    window.location.assign(done.answer.location);
                } else {
                    say(status, done.answer?.title || 'E-postadressen, lösenordet eller nyckeln stämmer inte.');
                }
            } catch (error) {
                say(status, 'Inloggningen med nyckel avbröts. Försök igen, eller logga in med koden.');
            }
        });
    }
})();
