// The identifier check beside a text a person types (the form's description, a follow-up reply, a
// survey comment), enhanced: the text is checked as it is typed (debounced calls to
// /api/identifier-check), findings are listed in words with the found text marked, and each can be
// replaced by its placeholder. Without this script the same happens on submit, on the server.
(() => {
  'use strict';
  const element = (name, attributes, ...children) => {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) {
      node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  };

  const enhance = (container) => {
    const textarea = document.getElementById(container.dataset.for);
    const textsElement = document.getElementById(container.dataset.texts);
    const confirm = document.getElementById(container.dataset.confirm);
    const status = container.querySelector('[aria-live]');
    if (!textarea || !textsElement || !confirm || !status) {
      return;
    }

    const texts = JSON.parse(textsElement.innerHTML);
    let timer = null;
    let sequence = 0;

    const render = (text, findings) => {
      const old = container.querySelector('.findings__box');
      if (old) {
        old.remove();
      }
      // Confirming is for warnings only: with a blocking finding there is nothing to confirm.
      confirm.hidden = !(findings.length > 0 && findings.every((f) => !f.blocking));
      if (findings.length === 0) {
        status.textContent = text.trim() ? texts.none : '';
        return;
      }

      const box = element('div', { class: 'findings__box', role: 'region', 'aria-labelledby': 'findings-title' },
        element('h2', { id: 'findings-title', class: 'findings__title' }, texts.heading));
      if (findings.some((f) => f.blocking)) {
        box.append(element('p', {}, texts.blockingExplained));
      }
      const list = element('ul', { class: 'findings__list' });
      for (const finding of findings) {
        const from = Math.max(0, finding.start - 25);
        const to = Math.min(text.length, finding.end + 25);
        const button = element('button', { type: 'button', class: 'button button--secondary' },
          `${texts.replace} ${texts.placeholders[finding.kind]}`);
        button.addEventListener('click', () => replace(finding));
        list.append(element('li', { class: `finding ${finding.blocking ? 'finding--blocking' : 'finding--warning'}` },
          element('span', { class: 'finding__kind' }, `${texts.kinds[finding.kind]}: ${finding.blocking ? texts.blocking : texts.warning}`),
          element('span', { class: 'finding__excerpt' },
            (from > 0 ? '…' : '') + text.slice(from, finding.start),
            element('mark', {}, text.slice(finding.start, finding.end)),
            text.slice(finding.end, to) + (to < text.length ? '…' : '')),
          button));
      }
      box.append(list);
      container.append(box);
      status.textContent = `${texts.heading} (${findings.length})`;
    };

    const check = async () => {
      const text = textarea.value;
      const mine = ++sequence;
      if (!text.trim()) {
        render(text, []);
        return;
      }
      try {
        const response = await fetch(container.dataset.checkUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text }),
          credentials: 'omit',
          cache: 'no-store',
        });
        if (!response.ok) {
          return;
        }
        const body = await response.json();
        if (mine === sequence && textarea.value === text) {
          render(text, body.findings);
        }
      } catch {
        // Offline or failing: the check on submit still applies.
      }
    };

    const replace = (finding) => {
      const text = textarea.value;
      textarea.value = text.slice(0, finding.start) + texts.placeholders[finding.kind] + text.slice(finding.end);
      textarea.focus();
      check();
    };

    textarea.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    if (textarea.value.trim()) {
      check();
    }
  };

  document.querySelectorAll('.findings[data-for]').forEach(enhance);
})();
