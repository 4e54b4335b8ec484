// How cwctl writes a text value into a PSA `conditions` string: the one quoting policy of the client.
// The reference (shared/reference/psa-api.md section 2) documents string literals in double quotes and no escape
// inside them. A value holding `"` or `\` therefore has no spelling the PSA is known to read back as that value,
// so it is never put in a condition: the caller lists without that condition and matches the rows itself (a few
// more requests for a hostile name, never a wrong match or a 400). Anything else, brackets, single quotes,
// parentheses and words like AND included, is plain text inside the double quotes.

/** `"value"` for a PSA condition, or undefined when the value cannot be quoted safely (it holds `"` or `\`). */
export function quoteConditionString(value: string): string | undefined {
  return /["\\]/.test(value) ? undefined : `"${value}"`;
}

/** `field="value"`, or undefined when the value cannot be quoted (list without it and match locally). */
export function equalsCondition(field: string, value: string): string | undefined {
  const quoted = quoteConditionString(value);
  return quoted === undefined ? undefined : `${field}=${quoted}`;
}
