// Types of the PSA module/function catalogue and of the integration profiles built on it.
// Types only: the data lives in modules.ts (catalogue) and profiles/*.ts (one per vendor).

/** A permission level as the PSA API spells it (SecurityRoleSetting.*Level). */
export type Level = 'None' | 'My' | 'All';
export const LEVELS: readonly Level[] = ['None', 'My', 'All'];
/** Order used to detect escalation: None < My < All. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = { None: 0, My: 1, All: 2 };

/** The four columns of the Security Modules screen. */
export type LevelKind = 'add' | 'edit' | 'delete' | 'inquire';
export const LEVEL_KINDS: readonly LevelKind[] = ['add', 'edit', 'delete', 'inquire'];

export interface Levels {
  add: Level;
  edit: Level;
  delete: Level;
  inquire: Level;
}

/**
 * The "Customize" allow-lists some functions carry (PSA enum `customizeIdentifier`).
 * `SystemTableSetup` is the Table Setup list that `tableSetup:` in the YAML manages.
 */
export type CustomizeIdentifier =
  | 'CompanyReports' | 'FinanceReports' | 'MarketingReports' | 'ProcurementReports' | 'ProjectReports'
  | 'SalesReports' | 'ServiceReports' | 'SystemReports' | 'TimeAndExpenseReports' | 'CompanyConfigurations'
  | 'FinanceAgreements' | 'ProjectScheduling' | 'ServiceResourceScheduling' | 'SystemManageHostedApi'
  | 'SystemMyAccount' | 'SystemCustomMenuEntry' | 'SystemMassMaintenance' | 'SystemTableSetup';

export interface CatalogueFunction {
  /** UI name, e.g. "Service Tickets" (SecurityRoleSetting.moduleFunctionName). */
  name: string;
  /** Stable identifier (SecurityRoleSetting.moduleFunctionIdentifier), e.g. "ServiceTickets". */
  identifier: string;
  sortOrder: number;
  /** Levels each column offers; a column a function does not have offers only ['None']. */
  offers: Record<LevelKind, readonly Level[]>;
  /** The Customize allow-list this function carries, if any (Table Setup -> SystemTableSetup). */
  customize?: CustomizeIdentifier;
  /** Other spellings seen in vendor guides, matched by the did-you-mean and the loader. */
  aliases?: readonly string[];
  description?: string;
}

export interface CatalogueModule {
  /** UI name, e.g. "Service Desk" (moduleName). */
  name: string;
  /** moduleIdentifier, e.g. "Service". */
  identifier: string;
  functions: readonly CatalogueFunction[];
  aliases?: readonly string[];
}

/** "Module / Function" exactly as the catalogue spells it: the key of a permission everywhere in cwctl. */
export type FunctionKey = string;

/** One Table Setup table (GET /system/setupScreens): addressed as "Category / Name". */
export interface SetupScreenEntry {
  id: number;
  category: string;
  name: string;
  moduleIdentifier: string;
  moduleName: string;
  description?: string;
}

/** What an integration vendor needs, from its guide in shared/seeds. */
export interface IntegrationProfile {
  name: string;                 // e.g. "brightgauge"
  title: string;                // e.g. "BrightGauge"
  seed: string;                 // seed file it was read from
  permissions: Readonly<Record<FunctionKey, Partial<Levels>>>;
  /** Customize allow-lists; `SystemTableSetup` entries are "Category / Name". */
  customize: Partial<Readonly<Record<CustomizeIdentifier, readonly string[]>>>;
  member: { level: string; requiresLocation: boolean; requiresBusinessUnit: boolean };
  notes?: readonly string[];
}
