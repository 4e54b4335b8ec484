// The permission grid as one static, self-contained HTML file (inline CSS, no script, no external resource) a
// person can open or attach to an audit. Every text that comes from YAML or the PSA (role, function and
// profile names, the site) is escaped: a role named `<script>` must stay text.
import { LEVEL_KINDS } from '../../catalogue/types.js';
import { UP } from './plan-text.js';
import type { GridCell, PermissionGrid } from './permission-grid.js';
import { cellText } from './permission-grid.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value (quotes included), control characters dropped. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}
th{background:#f3f3f3}td.change{background:#e6f0ff}td.drift{background:#fff4d6}td.escalation{background:#ffd9d9;font-weight:bold}
.facts{color:#555}.beyond{color:#a33}.legend span{display:inline-block;padding:0 6px;margin-right:8px;border:1px solid #ccc}`;

function cellHtml(cell: GridCell): string {
  const title = [`live: ${cell.live ?? 'role not in the PSA'}`, `desired: ${cell.desired ?? 'not managed'}`, ...(cell.profile ? [`profiles need: ${cell.profile}`] : []), cell.mark].join('; ');
  return `<td class="${cell.mark}" title="${escapeHtml(title)}">${escapeHtml(cellText(cell))}</td>`;
}

export function renderPermissionGridHtml(grid: PermissionGrid): string {
  const target = grid.target.sandbox ? 'the sandbox' : `${grid.target.site} (${grid.target.company})`;
  const body: string[] = [
    `<h1>cwctl permission grid: ${escapeHtml(target)}</h1>`,
    `<p class="facts">Made ${escapeHtml(grid.generatedAt)}. Each cell: the level live in the PSA, then "-&gt; desired" where the YAML wants another.</p>`,
    `<p class="legend"><span class="change">change</span><span class="drift">~ drift since the last apply</span><span class="escalation">${UP} escalation (refused without --allow-escalation)</span></p>`,
  ];
  for (const role of grid.roles) {
    const facts = [
      role.exists ? 'in the PSA' : 'not in the PSA yet',
      ...(role.external ? ['external: cwctl never changes it'] : []),
      ...(role.adminFlag ? ['ADMIN FLAG: grants everything whatever its levels'] : []),
      ...(role.profiles.length > 0 ? [`profiles: ${role.profiles.map((p) => `${p.title} (${p.name})`).join(', ')}`] : []),
    ];
    body.push(`<h2>Role ${escapeHtml(role.name)}</h2>`, `<p class="facts">${escapeHtml(facts.join('; '))}</p>`);
    if (role.rows.length === 0) {
      body.push('<p>No function granted on any side.</p>');
      continue;
    }
    const profileHead = role.profiles.length > 0 ? '<th>Profiles need (A/E/D/I)</th>' : '';
    body.push(`<table><thead><tr><th>Module / Function</th><th>Add</th><th>Edit</th><th>Delete</th><th>Inquire</th>${profileHead}</tr></thead><tbody>`);
    for (const row of role.rows) {
      const need = role.profiles.length > 0
        ? `<td${row.beyondProfiles ? ' class="beyond" title="the YAML grants more than the profiles need"' : ''}>${escapeHtml(LEVEL_KINDS.map((k) => row.cells[k].profile ?? 'None').join(' / '))}${row.beyondProfiles ? ' (beyond)' : ''}</td>`
        : '';
      body.push(`<tr><th scope="row">${escapeHtml(row.key)}</th>${LEVEL_KINDS.map((k) => cellHtml(row.cells[k])).join('')}${need}</tr>`);
    }
    const c = role.counts;
    body.push('</tbody></table>', `<p class="facts">${c.change} change(s), ${c.drift} drifted, ${c.escalation} escalation(s)${role.profiles.length > 0 ? `, ${c.beyondProfiles} function(s) beyond its profiles` : ''}</p>`);
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>cwctl permission grid: ${escapeHtml(target)}</title><style>${STYLE}</style></head>
<body>
${body.join('\n')}
</body></html>
`;
}
