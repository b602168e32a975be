// The /docs page: the OpenAPI document rendered as one static HTML page, every text HTML-escaped (so
// "Bearer <API key>" reads as written). No script and no third-party assets: nothing to download, nothing that
// needs a newer Node than the service, and a strict Content-Security-Policy.
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: { name: string; in: string; description?: string; schema?: unknown }[];
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

export const DOCS_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const paragraph = (text: string | undefined): string => (text ? `<p>${escapeHtml(text)}</p>` : '');

function operationHtml(method: string, path: string, operation: Operation): string {
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const responses = Object.entries(operation.responses ?? {})
    .map(([status, response]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(response.description ?? '')}</li>`)
    .join('');
  return [
    `<section id="${escapeHtml(operation.operationId ?? `${method}-${path}`)}">`,
    `<h3><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></h3>`,
    paragraph(operation.summary),
    paragraph(operation.description),
    operation.security && operation.security.length === 0 ? '<p><em>No API key needed.</em></p>' : '',
    query.length ? `<p>Query parameters: ${query.map((p) => `<code>${escapeHtml(p.name)}</code>`).join(', ')}</p>` : '',
    body === undefined ? '' : `<details><summary>Request body (JSON Schema)</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>`,
    responses ? `<ul>${responses}</ul>` : '',
    '</section>',
  ].join('\n');
}

export function docsPage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const tags = document.tags ?? [];
  const sections = tags.map((tag) => {
    const tagged = operations.filter(({ operation }) => operation.tags?.includes(tag.name));
    if (tagged.length === 0) return '';
    return [`<h2>${escapeHtml(tag.name)}</h2>`, paragraph(tag.description), ...tagged.map(({ method, path, operation }) => operationHtml(method, path, operation))].join('\n');
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(document.info.title)} API</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.85rem}code{font-size:.95rem}</style>',
    '</head><body>',
    `<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>`,
    paragraph(document.info.description),
    '<p>The machine-readable OpenAPI document: <a href="/openapi.json">/openapi.json</a>.</p>',
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}
