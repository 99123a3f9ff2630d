// The run outputs panel's page: a strict Content Security Policy (nothing remote; the one script and the
// one style sheet come from the extension's media folder, the script only with this page's nonce), the
// table's headings in the window's language, and every text escaped. The rows come later, by message.
import { randomBytes } from 'node:crypto';
import { translator, type Locale } from '../core/i18n';

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const newNonce = (): string => randomBytes(18).toString('base64url');

export interface PageParts {
  locale: Locale;
  runId: string;
  nonce: string;
  /** `webview.cspSource`: the origin the webview serves the extension's files from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

export function runOutputsHtml(p: PageParts): string {
  const t = translator(p.locale);
  const e = escapeHtml;
  const headings: [string, string][] = [
    ['line', t('extension.runOutputs.col.line')],
    ['status', t('extension.runOutputs.col.status')],
    ['inputs', t('extension.runOutputs.col.inputs')],
    ['outputs', t('extension.runOutputs.col.outputs')],
    ['duration', t('extension.runOutputs.col.duration')],
    ['tokens', t('extension.runOutputs.col.tokens')],
  ];
  const columns = headings.map(([c, label]) => `<th scope="col" class="col-${c}">${e(label)}</th>`).join('');
  const csp = [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `script-src 'nonce-${p.nonce}'`,
    `img-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${e(p.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${e(p.styleUri)}">
<title>${e(t('extension.runOutputs.title', { run: p.runId }))}</title>
</head>
<body>
<header>
<h1>${e(t('extension.runOutputs.title', { run: p.runId }))}</h1>
<p id="summary" role="status"></p>
<nav id="pager" hidden><button type="button" id="prev"></button><span id="range"></span><button type="button" id="next"></button></nav>
</header>
<main>
<table id="lines" role="grid" aria-label="${e(t('extension.runOutputs.tableLabel'))}">
<thead><tr>${columns}</tr></thead>
<tbody></tbody>
</table>
<section id="detail" aria-live="polite"></section>
</main>
<script nonce="${e(p.nonce)}" src="${e(p.scriptUri)}"></script>
</body>
</html>`;
}
