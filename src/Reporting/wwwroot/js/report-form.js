// The staff form: a page the browser brings back whole from its back-forward cache would show what
// was sent and carry a spent token, so it asks for a new, empty form instead (the page is no-store,
// so this is a GET). The description's identifier check is identifier-check.js.
(() => {
  'use strict';
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && document.querySelector('#report-form input[name="formToken"]')) {
      window.location.reload();
    }
  });
})();
