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

// "Vilka symboler?": shown when symbols, stickers, graffiti or propaganda is ticked (or a symbol is
// already chosen), and a suggestion of the environment the chosen symbols are most often seen in,
// with a button to choose it. The environment is never chosen for the reporter.
(() => {
  'use strict';
  const field = document.getElementById('symbols-field');
  if (!field) {
    return;
  }

  const triggers = field.dataset.observations.split(' ')
    .map((code) => document.getElementById(`observations-${code}`))
    .filter((box) => box);
  const symbols = [...field.querySelectorAll('input[name="symbols"]')];
  const suggestion = document.getElementById('symbols-suggestion');
  const labels = Object.fromEntries(suggestion.dataset.labels.split('|').map((pair) => pair.split('=')));
  const lower = (text) => text.charAt(0).toLocaleLowerCase('sv') + text.slice(1);

  const showField = () => {
    field.hidden = !triggers.some((box) => box.checked) && !symbols.some((box) => box.checked);
  };

  const suggest = () => {
    const environments = [...new Set(symbols.filter((box) => box.checked).map((box) => box.dataset.environment))];
    const environment = environments.length === 1 && !['other', 'unknown'].includes(environments[0]) ? environments[0] : null;
    const radio = environment && document.getElementById(`environment-${environment}`);
    if (!radio || radio.checked) {
      suggestion.hidden = true;
      suggestion.replaceChildren();
      return;
    }

    const text = document.createElement('p');
    text.textContent = suggestion.dataset.text.replace('{0}', lower(labels[environment]));
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary';
    button.textContent = suggestion.dataset.button.replace('{0}', lower(labels[environment]));
    button.addEventListener('click', () => {
      radio.checked = true;
      radio.focus();
      suggest();
    });
    suggestion.replaceChildren(text, button);
    suggestion.hidden = false;
  };

  triggers.forEach((box) => box.addEventListener('change', showField));
  symbols.forEach((box) => box.addEventListener('change', suggest));
  document.querySelectorAll('input[name="environment"]').forEach((radio) => radio.addEventListener('change', suggest));
  showField();
  suggest();
})();
