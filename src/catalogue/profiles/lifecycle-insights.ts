// Lifecycle Insights: two "API Security Requirements" articles, one per feature, as tiers on the row both share
// (Companies / Company Maintenance Inquire All): `lifecycle-insights:agreements` (import agreements as contracts)
// and `lifecycle-insights:opportunities` (pull/create opportunities). Data only.

import type { IntegrationProfile } from '../types.js';

export const LIFECYCLE_INSIGHTS: IntegrationProfile = {
  name: 'lifecycle-insights',
  title: 'Lifecycle Insights',
  source: {
    url: 'https://help.lifecycleinsights.io/hc/en-us/articles/17948222601115-Connectwise-Manage-Agreements-API-Security-Requirements',
    read: '2026-12-01',
    follows: 'the Agreements article and, for the opportunities tier, https://help.lifecycleinsights.io/hc/en-us/articles/17948268896283-Connectwise-Manage-Opportunities-API-Security-Requirements',
  },
  permissions: {
    // Both articles: "Expand Companies: Ensure/set Inquire Level to All for Company Maintenance"
    'Companies / Company Maintenance': { inquire: 'All' },
  },
  tiers: [
    {
      name: 'agreements',
      title: 'Agreements',
      // Agreements article: "Expand Finance: Ensure/set Inquire Level to All for Agreements"
      permissions: { 'Finance / Agreements': { inquire: 'All' } },
    },
    {
      name: 'opportunities',
      title: 'Opportunities',
      permissions: {
        // Opportunities article: "Find Opportunity. Change Add Level to All, Edit Level to All (Future consideration -
        // currently don't edit in LCI), Inquire Level to All."
        'Sales / Opportunity': { add: 'All', edit: 'All', inquire: 'All' },
        // "change Inquire Level to All for Table Setup"
        'System / Table Setup': { inquire: 'All' },
        // "Set the Member Maintenance Inquiry level to ALL"
        'System / Member Maintenance': { inquire: 'All' },
      },
      customize: {
        // "Optionally, you may customize Table Setup and only explicitly allow access to needed tables": least
        // privilege takes the list.
        SystemTableSetup: [
          'Opportunities / Opportunity Status', 'Opportunities / Opportunity Type', 'Opportunities / Opportunity Rating',
          'Opportunities / Sales Probability', 'Opportunities / Sales Stage',
        ],
      },
    },
  ],
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Select lifecycle-insights:agreements and/or lifecycle-insights:opportunities.'],
};
