// Writes import's YAML: what `new Document(everything).toString()` wrote, without ever holding the Document of
// every role at once. A Document keeps a node (with its range and flags) per key and value: for 2,000 roles that
// was millions of nodes, most of import's peak memory. Here the part around the roles is one small Document and
// each role is rendered alone, as a one-item list, then indented under `roles:` (which is exactly how the whole
// Document lays a list item out), so the text is the same byte for byte (render-import-yaml.test.ts compares).
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';

export interface ImportYamlParts {
  /** The comment at the top of the file. */
  header: string;
  /** `version` and `psa`, in that order. */
  top: Record<string, unknown>;
  roles: { doc: Record<string, unknown>; comment?: string | undefined }[];
  members: Record<string, unknown>[];
  /** Present when mappings were imported. */
  mappings?: Record<string, unknown>[];
}

const OPTIONS = { lineWidth: 0 } as const;
// Stands where the roles go in the outer Document: a plain scalar no name can collide with (NUL-free, checked).
const PLACEHOLDER = 'cwctl-import-roles-go-here-5f3a9c';

/** Level maps in flow style (`{ inquire: All }`) so a role reads one function per line. */
function flowLevelMaps(node: YamlNode | null | undefined): void {
  if (!isMap(node)) return;
  for (const pair of node.items) if (isMap(pair.value)) pair.value.flow = true;
}

function renderRole(role: ImportYamlParts['roles'][number]): string {
  const doc = new Document([role.doc]);
  const item = isSeq(doc.contents) ? doc.contents.items[0] : undefined;
  if (isMap(item)) {
    flowLevelMaps(item.get('permissions', true));
    if (role.comment) item.commentBefore = role.comment;
  }
  // Indented as a list under a top-level key; empty lines (inside a block scalar) stay empty, as yaml writes them.
  return doc.toString(OPTIONS).replace(/^(?=.)/gm, '  ');
}

export function renderImportYaml(parts: ImportYamlParts): string {
  const content: Record<string, unknown> = { ...parts.top };
  const streamRoles = parts.roles.length > 0;
  content.roles = streamRoles ? PLACEHOLDER : [];
  content.members = parts.members;
  if (parts.mappings) content.mappings = { managedDevices: parts.mappings };
  const doc = new Document(content);
  doc.commentBefore = parts.header;
  const mappingsNode = doc.getIn(['mappings', 'managedDevices'], true);
  if (isSeq(mappingsNode)) {
    for (const m of mappingsNode.items) {
      const rows = isMap(m) ? m.get('crossReferences', true) : undefined;
      if (isSeq(rows)) for (const row of rows.items) if (isMap(row)) row.flow = true;
    }
  }
  // Keep `version: 1` plain even if a future yaml default changes.
  const versionNode = doc.get('version', true);
  if (isScalar(versionNode)) versionNode.type = 'PLAIN';
  const outer = doc.toString(OPTIONS);
  if (!streamRoles) return outer;
  const marker = `\nroles: ${PLACEHOLDER}\n`;
  const at = outer.indexOf(marker);
  if (at < 0 || outer.indexOf(marker, at + 1) >= 0) throw new Error('import: could not place the roles in the YAML (a bug in cwctl)');
  return `${outer.slice(0, at)}\nroles:\n${parts.roles.map(renderRole).join('')}${outer.slice(at + marker.length)}`;
}
