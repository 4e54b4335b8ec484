// Kaseya Quote Manager: what its ConnectWise PSA sync needs. Read from shared/seeds/002_e15d645d9c8a4830.txt.
// Data only. The seed lists functions per module under "Ensure the highlighted permissions are set to All";
// the screenshot that highlighted the cells is not in the text.
// Decision: "set to All" = every column the function offers set to All (reports offer only Inquire). To keep a
// cell lower (e.g. Delete on Company Maintenance), write it under the role's `permissions:`, which overrides
// the profile for the cells it names.

import type { IntegrationProfile } from '../types.js';
import { allOffered } from './levels.js';

export const KASEYA_QUOTE_MANAGER: IntegrationProfile = {
  name: 'kaseya-quote-manager',
  title: 'Kaseya Quote Manager',
  seed: '002_e15d645d9c8a4830.txt',
  source: { url: 'shared/seeds/002_e15d645d9c8a4830.txt', read: '2026-11-23' },
  permissions: {
    // seed 002, "set to All in ConnectWise Security Roles > Companies: Company Maintenance, Company/Contact Group
    // Maintenance, Contacts, Notes, Reports"
    'Companies / Company Maintenance': allOffered('Companies / Company Maintenance'),
    'Companies / Company/Contact Group Maintenance': allOffered('Companies / Company/Contact Group Maintenance'),
    'Companies / Contacts': allOffered('Companies / Contacts'),
    'Companies / Notes': allOffered('Companies / Notes'),
    'Companies / Reports': allOffered('Companies / Reports'),
    // seed 002, "> Procurement: Products, Product Catalog, Purchase Orders, Purchasing Demand, Reports"
    'Procurement / Products': allOffered('Procurement / Products'),
    'Procurement / Product Catalog': allOffered('Procurement / Product Catalog'),
    'Procurement / Purchase Orders': allOffered('Procurement / Purchase Orders'),
    'Procurement / Purchasing Demand': allOffered('Procurement / Purchasing Demand'),
    'Procurement / Reports': allOffered('Procurement / Reports'),
    // seed 002, "> Sales: Closed Opportunity, Opportunity, Reports, Sales Orders"
    'Sales / Closed Opportunity': allOffered('Sales / Closed Opportunity'),
    'Sales / Opportunity': allOffered('Sales / Opportunity'),
    'Sales / Reports': allOffered('Sales / Reports'),
    'Sales / Sales Orders': allOffered('Sales / Sales Orders'),
    // seed 002, "> Service Desk: Close Service Tickets, Merge Tickets, Reports, Service Tickets – Dependencies,
    // Service Tickets, Service Tickets – Finance" (en dashes in the seed)
    'Service Desk / Close Service Tickets': allOffered('Service Desk / Close Service Tickets'),
    'Service Desk / Merge Tickets': allOffered('Service Desk / Merge Tickets'),
    'Service Desk / Reports': allOffered('Service Desk / Reports'),
    'Service Desk / Service Tickets - Dependencies': allOffered('Service Desk / Service Tickets - Dependencies'),
    'Service Desk / Service Tickets': allOffered('Service Desk / Service Tickets'),
    'Service Desk / Service Tickets - Finance': allOffered('Service Desk / Service Tickets - Finance'),
    // seed 002, "> System: API Reports, Member Maintenance, My Account, My Company, System Reports, Table Setup"
    'System / API Reports': allOffered('System / API Reports'),
    'System / Member Maintenance': allOffered('System / Member Maintenance'),
    'System / My Account': allOffered('System / My Account'),
    'System / My Company': allOffered('System / My Company'),
    'System / System Reports': allOffered('System / System Reports'),
    'System / Table Setup': allOffered('System / Table Setup'),
  },
  // The seed names no Table Setup tables.
  customize: {},
  // seed 002: "Ensure the Location and Business Unit are not blank." Level not stated: Corporate (Level 1), so that
  // no company or board is hidden from the sync.
  member: { level: 'Corporate (Level 1)', requiresLocation: true, requiresBusinessUnit: true },
  notes: [
    'The API member needs a Location and a Business Unit.',
    'Cloud PSA: if the connection fails, use the api- host (api-au.myconnectwise.net, not au.myconnectwise.net).',
    'PSA should be configured to create purchase demands from tickets or opportunities, or purchase orders are not linked.',
  ],
};
