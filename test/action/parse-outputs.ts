// Test helper: parses a $GITHUB_OUTPUT file written in the heredoc form (name<<DELIMITER ... DELIMITER).
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}
