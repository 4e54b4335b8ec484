// BrightGauge (ConnectWise): what its PSA Cloud datasource needs. Read from shared/seeds/000_fb8c8d620940f841.txt.
// Data only. The seed: "Assign the Inquire Level > All permission for the following actions. Leave the Add, Edit,
// and Delete levels set to None." Its table was flattened to one line ("Module Action Companies Company
// Maintenance Configurations ..."); the rows below are that line split at the catalogue's function names.

import type { IntegrationProfile } from '../types.js';
import { INQUIRE_ALL } from './levels.js';

export const BRIGHTGAUGE: IntegrationProfile = {
  name: 'brightgauge',
  title: 'BrightGauge',
  seed: '000_fb8c8d620940f841.txt',
  source: { url: 'shared/seeds/000_fb8c8d620940f841.txt', read: '2026-11-23' },
  permissions: {
    // seed 000, "Companies Company Maintenance Configurations Contacts CRM/Sales Activities Team Members"
    'Companies / Company Maintenance': INQUIRE_ALL,
    'Companies / Configurations': INQUIRE_ALL,
    'Companies / Contacts': INQUIRE_ALL,
    'Companies / CRM/Sales Activities': INQUIRE_ALL,
    'Companies / Team Members': INQUIRE_ALL,
    // seed 000, "Finance Accounting Interface Agreement Invoicing Agreements Billing Rate Maintenance Billing View Time
    // Company Finance Invoicing"
    'Finance / Accounting Interface': INQUIRE_ALL,
    'Finance / Agreement Invoicing': INQUIRE_ALL,
    'Finance / Agreements': INQUIRE_ALL,
    'Finance / Billing Rate Maintenance': INQUIRE_ALL,
    'Finance / Billing View Time': INQUIRE_ALL,
    'Finance / Company Finance': INQUIRE_ALL,
    'Finance / Invoicing': INQUIRE_ALL,
    // seed 000, "Procurement Inventory Adjustments Inventory Transfers Product Catalog Product Billable Option Product
    // Catalog Products Purchase Orders". Decision: "Product Catalog Product Billable Option" is the function
    // Procurement / Product Billable Option (the PSA shows it under the catalogue); "Product Catalog" is its own row.
    'Procurement / Inventory Adjustments': INQUIRE_ALL,
    'Procurement / Inventory Transfers': INQUIRE_ALL,
    'Procurement / Product Billable Option': INQUIRE_ALL,
    'Procurement / Product Catalog': INQUIRE_ALL,
    'Procurement / Products': INQUIRE_ALL,
    'Procurement / Purchase Orders': INQUIRE_ALL,
    // seed 000, "Project Close Projects Project Contacts Project Finance Project Headers Project Management Project Phase
    // Project Product Project Scheduling Project Teams Project Tickets"
    'Project / Close Projects': INQUIRE_ALL,
    'Project / Project Contacts': INQUIRE_ALL,
    'Project / Project Finance': INQUIRE_ALL,
    'Project / Project Headers': INQUIRE_ALL,
    'Project / Project Management': INQUIRE_ALL,
    'Project / Project Phase': INQUIRE_ALL,
    'Project / Project Product': INQUIRE_ALL,
    'Project / Project Scheduling': INQUIRE_ALL,
    'Project / Project Teams': INQUIRE_ALL,
    'Project / Project Tickets': INQUIRE_ALL,
    // seed 000, "Sales Closed Opportunity Opportunity Opportunity Finance Sales Order Finance Sales Orders"
    'Sales / Closed Opportunity': INQUIRE_ALL,
    'Sales / Opportunity': INQUIRE_ALL,
    'Sales / Opportunity Finance': INQUIRE_ALL,
    'Sales / Sales Order Finance': INQUIRE_ALL,
    'Sales / Sales Orders': INQUIRE_ALL,
    // seed 000, "Service Desk Close Service Tickets Merge Tickets Resource Scheduling Service Ticket - Finance Service
    // Tickets". The seed spells "Service Ticket - Finance"; the catalogue's name is "Service Tickets - Finance".
    'Service Desk / Close Service Tickets': INQUIRE_ALL,
    'Service Desk / Merge Tickets': INQUIRE_ALL,
    'Service Desk / Resource Scheduling': INQUIRE_ALL,
    'Service Desk / Service Tickets - Finance': INQUIRE_ALL,
    'Service Desk / Service Tickets': INQUIRE_ALL,
    // seed 000, "System API Reports Member Maintenance Member Maintenance - Finance My Company System Reports Table Setup
    // Today Links"
    'System / API Reports': INQUIRE_ALL,
    'System / Member Maintenance': INQUIRE_ALL,
    'System / Member Maintenance - Finance': INQUIRE_ALL,
    'System / My Company': INQUIRE_ALL,
    'System / System Reports': INQUIRE_ALL,
    'System / Table Setup': INQUIRE_ALL,
    'System / Today Links': INQUIRE_ALL,
    // seed 000, "Time & Expense Expense Billable Option Expense Report Entry Time Entry Time Entry Billable Option"
    'Time & Expense / Expense Billable Option': INQUIRE_ALL,
    'Time & Expense / Expense Report Entry': INQUIRE_ALL,
    'Time & Expense / Time Entry': INQUIRE_ALL,
    'Time & Expense / Time Entry Billable Option': INQUIRE_ALL,
  },
  // The seed names no Table Setup tables: Inquire on Table Setup without a Customize list.
  customize: {},
  // seed 000: "Ensure the the Level field is set to Corporate. This is to ensure that you do not restrict the service
  // boards you see." Location and business unit are not mentioned.
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: [
    'Inquire=All on every listed function; Add, Edit and Delete stay None.',
    'The API member must be at the Corporate level so that no service board is hidden from it.',
    'BrightGauge adds permissions as the integration grows: compare with the vendor table when a gauge fails.',
  ],
};
