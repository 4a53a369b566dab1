// The staff survey opened from a slip's QR code: the code rides after "#kod=" (a fragment is never
// sent to a server, so no log holds it). It is put in the code field, then taken out of the address
// so the browser's history does not keep it.
(() => {
  'use strict';
  const input = document.getElementById('code');
  const match = /^#kod=([2-9A-HJKMNP-Za-hjkmnp-z]{4}-?[2-9A-HJKMNP-Za-hjkmnp-z]{4})$/.exec(window.location.hash);
  if (!match) {
    return;
  }
  if (input && !input.value) {
    input.value = match[1].toUpperCase();
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
})();
