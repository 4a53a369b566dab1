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

// The photo field, enhanced: a preview of each chosen photo with a button to take it out again
// (without this script the file field works as it is). Previews are data: URLs read in the browser;
// nothing is sent before the form is.
(() => {
  'use strict';
  const input = document.getElementById('photos');
  const preview = document.getElementById('photos-preview');
  if (!input || !preview || typeof DataTransfer === 'undefined') {
    return;
  }

  const render = () => {
    preview.replaceChildren();
    [...input.files].forEach((file, index) => {
      const item = document.createElement('figure');
      item.className = 'photos__item';
      const image = document.createElement('img');
      image.alt = file.name;
      const reader = new FileReader();
      reader.addEventListener('load', () => { image.src = reader.result; });
      reader.readAsDataURL(file);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button button--secondary';
      remove.textContent = document.documentElement.lang === 'en' ? `Remove photo ${index + 1}` : `Ta bort bild ${index + 1}`;
      remove.addEventListener('click', () => {
        const kept = new DataTransfer();
        [...input.files].filter((_, i) => i !== index).forEach((f) => kept.items.add(f));
        input.files = kept.files;
        render();
        input.focus();
      });
      item.append(image, remove);
      preview.append(item);
    });
  };

  input.addEventListener('change', render);
})();
