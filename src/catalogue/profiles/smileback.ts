// SmileBack: "Creating a custom security role in ConnectWise Manage" with the minimum permissions SmileBack needs,
// as the alternative to the Admin role. One table per module (Description | Add | Edit | Delete | Inquire).

import type { IntegrationProfile } from '../types.js';

export const SMILEBACK: IntegrationProfile = {
  name: 'smileback',
  title: 'SmileBack',
  source: { url: 'https://help.smileback.com/hc/en-us/articles/115000428383-Creating-a-custom-security-role-in-ConnectWise-Manage', read: '2026-12-01' },
  permissions: {
    // Companies: "Company Maintenance | None | None | None | All"
    'Companies / Company Maintenance': { inquire: 'All' },
    // Companies: "Company/Contact Group Maintenance | None | None | None | All"
    'Companies / Company/Contact Group Maintenance': { inquire: 'All' },
    // Companies: "Contacts | None | None | None | All"
    'Companies / Contacts': { inquire: 'All' },
    // Companies: "Surveys | All | None | None | All"
    'Companies / Surveys': { add: 'All', inquire: 'All' },
    // Project: "Project Tickets | All | All | None | All"
    'Project / Project Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // Service Desk: "Service Tickets | All | All | None | All"
    'Service Desk / Service Tickets': { add: 'All', edit: 'All', inquire: 'All' },
    // Service Desk: "Resource Scheduling | None | None | None | All"
    'Service Desk / Resource Scheduling': { inquire: 'All' },
    // System: "API Reports | None | None | None | All"
    'System / API Reports': { inquire: 'All' },
    // System: "Member Maintenance | None | None | None | All"
    'System / Member Maintenance': { inquire: 'All' },
    // System: "Table Setup* | All | None | None | All"
    'System / Table Setup': { add: 'All', inquire: 'All' },
    // Time & Expense: "Time Entry | None | None | None | All"
    'Time & Expense / Time Entry': { inquire: 'All' },
    // Marketing: "Marketing Groups | All | None | None | All"
    'Marketing / Marketing Groups': { add: 'All', inquire: 'All' },
  },
  customize: {
    // "*You can further define this section by clicking on "Customize" and allowing access to these tables only
    // "Service / Service Board" and "Service / Surveys - Service"". Decision: the page offers the list as a
    // refinement, and least privilege takes it.
    SystemTableSetup: ['Service / Service Board', 'Service / Surveys - Service'],
  },
  member: { level: 'Corporate (Level 1)', requiresLocation: false, requiresBusinessUnit: false },
};
