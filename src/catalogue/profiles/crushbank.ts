// CrushBank: "ConnectWise Security Modules guide", the security modules its API member needs ("They all need to
// have Inquire Level set to All"), plus modules for optional features, here as tiers. Data only.
// The page exists in two versions: one lists four features (SmartClassifier and Documentation Request Workflow;
// Solved My Issue; Ticket Budgeter; KBA Articles), a later one splits SmartClassifier and Documentation Request
// Workflow and adds Summarization, but its stored copy is cut off. The base rows are the same in both; the tiers
// follow the complete (four-feature) version.

import type { IntegrationProfile } from '../types.js';

const INQUIRE = { inquire: 'All' } as const;

export const CRUSHBANK: IntegrationProfile = {
  name: 'crushbank',
  title: 'CrushBank',
  source: {
    url: 'https://support.crushbank.com/knowledge/connectwise-security-modules-guide',
    read: '2026-12-01',
    follows: 'the four-feature version of the page for the tiers (the later version is incomplete in the stored copy)',
  },
  permissions: {
    // "Companies Module: Company Maintenance, Configuration - Display Passwords, Configurations, Contacts, Manage
    // Attachments, Notes"
    'Companies / Company Maintenance': INQUIRE,
    'Companies / Configuration - Display Passwords': INQUIRE,
    'Companies / Configurations': INQUIRE,
    'Companies / Contacts': INQUIRE,
    'Companies / Manage Attachments': INQUIRE,
    'Companies / Notes': INQUIRE,
    // "Project Module: Project Contacts, Project Headers, Project Management, Project Notes, Project Phase, Project
    // Ticket- Dependencies, Project Ticket Tasks, Project Tickets"
    'Project / Project Contacts': INQUIRE,
    'Project / Project Headers': INQUIRE,
    'Project / Project Management': INQUIRE,
    'Project / Project Notes': INQUIRE,
    'Project / Project Phase': INQUIRE,
    'Project / Project Ticket- Dependencies': INQUIRE,
    'Project / Project Ticket Tasks': INQUIRE,
    'Project / Project Tickets': INQUIRE,
    // "Service Desk: Close Service Tickets, Merge Tickets, Service Ticket- Dependencies, Service Tickets, SLA
    // Dashboard, Ticket Templates"
    'Service Desk / Close Service Tickets': INQUIRE,
    'Service Desk / Merge Tickets': INQUIRE,
    'Service Desk / Service Ticket- Dependencies': INQUIRE,
    'Service Desk / Service Tickets': INQUIRE,
    'Service Desk / SLA Dashboard': INQUIRE,
    'Service Desk / Ticket Templates': INQUIRE,
    // "System: Member Maintenance, My Company, Table Setup"
    'System / Member Maintenance': INQUIRE,
    'System / My Company': INQUIRE,
    'System / Table Setup': INQUIRE,
    // "Time and Expense: Time Entry"
    'Time & Expense / Time Entry': INQUIRE,
  },
  customize: {
    // Table Setup: "If you want to customize this the following three have to be set to allow access to these:
    // Service/ Service Board, Company/ Company Type, Company/ Company Status"
    SystemTableSetup: ['Service / Service Board', 'Company / Company Type', 'Company / Company Status'],
  },
  // The feature rows say "Edit Level is required" (or Add, Delete) without a level; cwctl reads them as All, the
  // level every other row of the page uses.
  tiers: [
    {
      name: 'smartclassifier',
      title: 'SmartClassifier and Documentation Request Workflow',
      // "System> Table Setup: Add, Edit and Delete Levels are required"
      permissions: { 'System / Table Setup': { add: 'All', edit: 'All', delete: 'All', inquire: 'All' } },
    },
    {
      name: 'solved-my-issue',
      title: 'Solved My Issue',
      permissions: {
        // "Service Desk> Closed Service Tickets ... Edit Level is required" (the page's spelling)
        'Service Desk / Closed Service Tickets': { edit: 'All' },
        // "Service Desk> Service Ticket Dependencies ... Edit Level"
        'Service Desk / Service Ticket Dependencies': { edit: 'All', inquire: 'All' },
        // "Service Desk> Service Tickets ... Edit Level"
        'Service Desk / Service Tickets': { edit: 'All', inquire: 'All' },
      },
    },
    {
      name: 'ticket-budgeter',
      title: 'Ticket Budgeter',
      permissions: {
        // "Service Desk> Service Tickets, System> Table Setup: Edit Level for both"
        'Service Desk / Service Tickets': { edit: 'All', inquire: 'All' },
        'System / Table Setup': { edit: 'All', inquire: 'All' },
      },
    },
    {
      name: 'kba-articles',
      title: 'KBA Articles',
      // "System> API Reports: Inquire Level required"
      permissions: { 'System / API Reports': { inquire: 'All' } },
    },
  ],
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['Select features as crushbank:smartclassifier, :solved-my-issue, :ticket-budgeter, :kba-articles.'],
};
