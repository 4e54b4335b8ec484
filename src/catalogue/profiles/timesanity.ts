// TimeSanity: "Minimum ConnectWise Security Requirements", the permissions matrix ("None of the modules require
// Add/Edit/Delete": Inquire All on every row). Data only.

import type { IntegrationProfile } from '../types.js';

const INQUIRE = { inquire: 'All' } as const;

export const TIMESANITY: IntegrationProfile = {
  name: 'timesanity',
  title: 'TimeSanity',
  source: { url: 'https://help.timesanity.cloud/article/nmd5fbobf6-minimum-connect-wise-security-requirements', read: '2026-12-01' },
  permissions: {
    // "Companies | Company Maintenance / Contacts / Management / Notes / Team Members / Tracks | All"
    'Companies / Company Maintenance': INQUIRE,
    'Companies / Contacts': INQUIRE,
    'Companies / Management': INQUIRE,
    'Companies / Notes': INQUIRE,
    'Companies / Team Members': INQUIRE,
    'Companies / Tracks': INQUIRE,
    // "Finance | Agreements / Billing Rate Maintenance / Billing View Time / Company Finance | All"
    'Finance / Agreements': INQUIRE,
    'Finance / Billing Rate Maintenance': INQUIRE,
    'Finance / Billing View Time': INQUIRE,
    'Finance / Company Finance': INQUIRE,
    // "Project | Close Projects ... Project Tickets | All"
    'Project / Close Projects': INQUIRE,
    'Project / Project Contacts': INQUIRE,
    'Project / Project Headers': INQUIRE,
    'Project / Project Management': INQUIRE,
    'Project / Project Notes': INQUIRE,
    'Project / Project Phase': INQUIRE,
    'Project / Project Product': INQUIRE,
    'Project / Project Scheduling': INQUIRE,
    'Project / Project Teams': INQUIRE,
    'Project / Project Templates': INQUIRE,
    'Project / Project Ticket - Dependencies': INQUIRE,
    'Project / Project Ticket Tasks': INQUIRE,
    'Project / Project Tickets': INQUIRE,
    // "Sales | Opportunity / Sales Dashboard / Sales Funnel / Sales Orders | All" ("Sales Dashboard" as written)
    'Sales / Opportunity': INQUIRE,
    'Sales / Sales Dashboard': INQUIRE,
    'Sales / Sales Funnel': INQUIRE,
    'Sales / Sales Orders': INQUIRE,
    // "Service Desk | Close Service Tickets ... Ticket Templates | All"
    'Service Desk / Close Service Tickets': INQUIRE,
    'Service Desk / Merge Tickets': INQUIRE,
    'Service Desk / Resource Scheduling': INQUIRE,
    'Service Desk / Service Ticket - Dependencies': INQUIRE,
    'Service Desk / Service Tickets': INQUIRE,
    'Service Desk / SLA Dashboard': INQUIRE,
    'Service Desk / Ticket Templates': INQUIRE,
    // "System | Member Maintenance / My Company / Table Setup | All"
    'System / Member Maintenance': INQUIRE,
    'System / My Company': INQUIRE,
    'System / Table Setup': INQUIRE,
    // "Time & Expense | Time Approval / Time Entry / Time Entry Billable Option | All" ("Time Approval" as written)
    'Time & Expense / Time Approval': INQUIRE,
    'Time & Expense / Time Entry': INQUIRE,
    'Time & Expense / Time Entry Billable Option': INQUIRE,
  },
  // "TimeSanity requires access to the following under System > Table Setup > Customize: General / Auto Sync,
  // Project / Project Boards, Service / Service Bo..." - the stored copy is cut off inside the list, so the list is
  // not managed rather than transcribed short (a short allow-list would break the integration).
  customize: {},
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
  notes: ['TimeSanity needs a Table Setup list (General / Auto Sync, Project / Project Boards, Service / Service Board, ...): add it under tableSetup: from the vendor page.'],
};
