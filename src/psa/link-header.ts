// Parses an RFC 5988/8288 `Link` header into its links, for following the PSA's rel="next" pages.
// Tolerant of what servers send (unquoted rel, several rels in one, commas inside <URI> or quoted values);
// it never throws on malformed parts, it skips them. Pure: URIs are returned as written, resolved by the caller.

export interface WebLink {
  uri: string;
  /** Lower-cased relation types (`rel="next last"` gives two). */
  rels: string[];
  /** Other parameters, names lower-cased, values unquoted. */
  params: Record<string, string>;
}

export function parseLinkHeader(header: string | null | undefined): WebLink[] {
  const links: WebLink[] = [];
  if (!header) return links;
  let i = 0;
  const n = header.length;
  while (i < n) {
    const open = header.indexOf('<', i);
    if (open < 0) break;
    const close = header.indexOf('>', open + 1);
    if (close < 0) break;
    const uri = header.slice(open + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    // Read `; name=value` pairs until the comma that ends this link (commas inside quotes do not count).
    while (i < n) {
      while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
      if (header[i] === ',') {
        i++;
        break;
      }
      if (header[i] !== ';') {
        // Garbage between links: skip to the next link start.
        const next = header.indexOf(',', i);
        i = next < 0 ? n : next + 1;
        break;
      }
      i++;
      const nameMatch = /^\s*([A-Za-z0-9!#$&+\-.^_`|~*]+)\s*/.exec(header.slice(i));
      if (!nameMatch) continue;
      const name = (nameMatch[1] ?? '').toLowerCase();
      i += nameMatch[0].length;
      let value = '';
      if (header[i] === '=') {
        i++;
        while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
        if (header[i] === '"') {
          i++;
          while (i < n && header[i] !== '"') {
            if (header[i] === '\\' && i + 1 < n) i++;
            value += header[i];
            i++;
          }
          i++; // closing quote
        } else {
          const m = /^[^;,]*/.exec(header.slice(i));
          value = (m?.[0] ?? '').trim();
          i += m?.[0].length ?? 0;
        }
      }
      // RFC 8288: only the first occurrence of a parameter counts.
      if (!(name in params)) params[name] = value;
    }
    const rels = (params.rel ?? '').split(/\s+/).filter((r) => r !== '').map((r) => r.toLowerCase());
    links.push({ uri, rels, params });
  }
  return links;
}

/** The URI of the first link with relation `rel`, or undefined. */
export function findLink(header: string | null | undefined, rel: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header).find((link) => link.rels.includes(wanted))?.uri;
}
