// The run outputs panel's script: places the rows and the details the extension sends (as text, never as
// HTML), pages with the buttons, selects a line with a click, Enter or Space, moves with the arrow keys,
// and tells the extension what it shows after each change.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const body = document.querySelector('#lines tbody');
  const detail = document.getElementById('detail');
  const summary = document.getElementById('summary');
  const pager = document.getElementById('pager');
  const prev = document.getElementById('prev');
  const next = document.getElementById('next');
  const range = document.getElementById('range');
  let page = { page: 0, pages: 1, rows: [] };
  let texts = { previous: '', next: '', noLines: '', pickLine: '' };
  let selected = -1;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function report() {
    const rows = [...body.querySelectorAll('tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    const shown = detail.hidden ? null : [...detail.querySelectorAll('h2, .error, dt, dd, .empty')].map((n) => n.textContent);
    vscode.postMessage({ type: 'rendered', rows, detail: shown });
  }

  function moveFocus(from, to) {
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }

  function select(index, focus) {
    selected = index;
    for (const tr of body.querySelectorAll('tr')) {
      const on = Number(tr.dataset.index) === index;
      tr.setAttribute('aria-selected', String(on));
      tr.tabIndex = on ? 0 : -1;
      if (on && focus) tr.focus();
    }
    vscode.postMessage({ type: 'select', index });
  }

  function renderPage() {
    body.replaceChildren();
    const cols = ['line', 'status', 'inputs', 'outputs', 'duration', 'tokens'];
    for (const r of page.rows) {
      const tr = el('tr', r.failed ? 'failed' : '');
      tr.dataset.index = String(r.index);
      tr.tabIndex = -1;
      tr.setAttribute('aria-selected', String(r.index === selected));
      for (const c of cols) tr.appendChild(el('td', `col-${c}`, r[c]));
      body.appendChild(tr);
    }
    // One row in the tab order (the selected one, else the first); the arrow keys move between rows.
    const current = body.querySelector('tr[aria-selected="true"]') || body.querySelector('tr');
    if (current) current.tabIndex = 0;
    summary.textContent = page.rows.length ? page.summary : texts.noLines;
    pager.hidden = page.pages <= 1;
    prev.textContent = texts.previous;
    next.textContent = texts.next;
    prev.disabled = page.page <= 0;
    next.disabled = page.page >= page.pages - 1;
    range.textContent = page.range;
    if (selected < 0) {
      detail.hidden = !page.rows.length;
      detail.replaceChildren(el('p', 'hint', texts.pickLine));
    }
    report();
  }

  function renderDetail(d) {
    detail.hidden = false;
    const parts = [el('h2', '', d.title)];
    if (d.error) parts.push(el('p', 'error', d.error));
    if (d.empty) parts.push(el('p', 'empty', d.empty));
    for (const n of d.nodes) {
      const dl = el('dl', n.failed ? 'node failed' : 'node');
      for (const [label, value] of n.fields) {
        dl.appendChild(el('dt', '', label));
        dl.appendChild(el('dd', '', value));
      }
      parts.push(dl);
    }
    detail.replaceChildren(...parts);
    report();
  }

  body.addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (tr) select(Number(tr.dataset.index), false);
  });
  body.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(Number(tr.dataset.index), false);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const to = e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
      if (to) moveFocus(tr, to);
    }
  });
  prev.addEventListener('click', () => vscode.postMessage({ type: 'page', page: page.page - 1 }));
  next.addEventListener('click', () => vscode.postMessage({ type: 'page', page: page.page + 1 }));

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'page') {
      page = m.data;
      texts = m.texts;
      renderPage();
    } else if (m.type === 'detail') {
      renderDetail(m.data);
    } else if (m.type === 'focusLine') {
      select(m.index, true);
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
