// Folds a human-typed catalogue name to a comparison key: case, spacing, dash and separator variants
// ("Service Desk/Service Tickets", "service desk > service tickets", "Time and Expense") all fold alike.
// Used only for matching; never shown to users (they see the catalogue's own spelling).

export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-') // en/em dashes and minus -> hyphen ("Service Tickets – Finance")
    .replace(/_/g, ' ') // "Opportunity_Rating"
    .replace(/\s*(?:>|»|›|:|\\)\s*/g, '/') // "Service Desk > Service Tickets", "System: Table Setup"
    .replace(/&/g, ' and ')
    .replace(/[\s-]+/g, '') // spacing and hyphens carry no meaning between words
    .replace(/\.$/, '');
}
