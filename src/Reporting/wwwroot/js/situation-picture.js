// The situation picture's workspace: "Lägg till en rad" and "Lägg till en källa" add room at once,
// without a round trip, by copying the last row or source with its numbers moved on and its values
// cleared. Without this script the same buttons post and the page comes back with the room added.
(() => {
  'use strict';
  const form = document.querySelector('.situation-form');
  if (!form) {
    return;
  }

  const attributes = ['name', 'id', 'for', 'aria-describedby', 'data-add-row', 'value'];

  // Renumbers one index in every attribute that names it: figures[n] / Figures[n], or sources[n] / Sources[n].
  const renumber = (root, pattern, next) => {
    for (const node of [root, ...root.querySelectorAll('*')]) {
      for (const attribute of attributes) {
        const value = node.getAttribute && node.getAttribute(attribute);
        if (value && pattern.test(value)) {
          node.setAttribute(attribute, value.replace(pattern, next));
        }
      }
    }
  };

  const clear = (root) => {
    root.querySelectorAll('input[type="text"], textarea').forEach((input) => { input.value = ''; });
    root.querySelectorAll('input[type="checkbox"]').forEach((input) => { input.checked = false; });
    root.querySelectorAll('.error-message').forEach((message) => message.remove());
    root.querySelectorAll('.field--error').forEach((field) => field.classList.replace('field--error', 'field'));
  };

  const addRow = (button) => {
    const body = button.closest('fieldset').querySelector('table.figures tbody');
    const last = body.lastElementChild;
    const count = body.children.length;
    const row = last.cloneNode(true);
    renumber(row, /([Ff]igures)\[\d+\]/g, `$1[${count}]`);
    row.querySelectorAll('label').forEach((label) => { label.textContent = label.textContent.replace(/\d+$/, String(count + 1)); });
    clear(row);
    body.append(row);
    row.querySelector('input').focus();
  };

  const addSource = (button) => {
    const sources = form.querySelectorAll('fieldset.source');
    const last = sources[sources.length - 1];
    const count = sources.length;
    const source = last.cloneNode(true);
    renumber(source, /([Ss]ources)\[\d+\]/g, `$1[${count}]`);
    source.querySelectorAll('[data-add-row]').forEach((add) => {
      add.setAttribute('data-add-row', String(count));
      add.value = `figure:${count}`;
    });
    source.querySelector('legend').textContent = 'Ny källa';
    source.querySelectorAll('input[name$=".Remove"]').forEach((remove) => remove.closest('.choice').remove());
    clear(source);
    button.before(source);
    source.querySelector('input').focus();
  };

  form.addEventListener('click', (event) => {
    const button = event.target.closest('button[name="add"]');
    if (!button) {
      return;
    }
    event.preventDefault();
    if (button.value === 'source') {
      addSource(button);
    } else {
      addRow(button);
    }
  });
})();
