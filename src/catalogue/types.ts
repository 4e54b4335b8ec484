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
const CUSTOMIZE_LISTS = [
  'CompanyReports', 'FinanceReports', 'MarketingReports', 'ProcurementReports', 'ProjectReports', 'SalesReports', 'ServiceReports',
  'SystemReports', 'TimeAndExpenseReports', 'CompanyConfigurations', 'FinanceAgreements', 'ProjectScheduling',
  'ServiceResourceScheduling', 'SystemManageHostedApi', 'SystemMyAccount', 'SystemCustomMenuEntry', 'SystemMassMaintenance', 'SystemTableSetup',
] as const;
export type CustomizeIdentifier = (typeof CUSTOMIZE_LISTS)[number];
/** Every customize list, in the reference's order: the one list cwctl reads and the simulator serves. */
export const CUSTOMIZE_IDENTIFIERS: readonly CustomizeIdentifier[] = CUSTOMIZE_LISTS;

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

/** Where a profile was read: the vendor's page (or seed file), the date it was read, and which version it follows. */
export interface ProfileSource {
  /** The page address (https://...) or, for the five seed profiles, `shared/seeds/<file>`. */
  url: string;
  /** The date the page was read, YYYY-MM-DD. */
  read: string;
  /** Where the vendor's pages disagree or changed: which version this profile follows, and why. */
  follows?: string;
}

/**
 * Rows of a profile: "Module / Function" -> the levels it asks for. The key is the catalogue's spelling when the
 * catalogue knows the function, otherwise the vendor's own words (the live PSA is the authority; `validate` warns).
 */
export type ProfileRows = Readonly<Record<FunctionKey, Partial<Levels>>>;

/** A feature tier a vendor documents on top of the base rows (Rewst's actions, ManageEngine's asset sync). */
export interface ProfileTier {
  /** Selected as `profiles: [<profile>:<name>]`. */
  name: string;
  title: string;
  permissions: ProfileRows;
  customize?: Partial<Readonly<Record<CustomizeIdentifier, readonly string[]>>>;
  notes?: readonly string[];
}

/** What an integration vendor needs, transcribed from its public page (or one of the seed guides). */
export interface IntegrationProfile {
  name: string;                 // e.g. "brightgauge"; a tier selection is "rewst:actions"
  title: string;                // e.g. "BrightGauge"
  /** The seed file it was read from (the five seed profiles only). */
  seed?: string;
  /** Required of every built-in and user profile (the tests and the profile schema check it). */
  source?: ProfileSource;
  /** The rows every use of the profile grants (with tiers: the base tier). */
  permissions: ProfileRows;
  /** Rows the page marks optional (a feature the MSP may not use): shown, never granted by the profile itself. */
  optional?: ProfileRows;
  /** Customize allow-lists; `SystemTableSetup` entries are "Category / Name". */
  customize: Partial<Readonly<Record<CustomizeIdentifier, readonly string[]>>>;
  /** Customize lists the vendor asks for as "all except": every item the live PSA offers but these. */
  customizeAllExcept?: Partial<Readonly<Record<CustomizeIdentifier, readonly string[]>>>;
  /** Name of the base rows as a tier (`rewst:authentication` = `rewst`), when the page names them. */
  baseTier?: string;
  tiers?: readonly ProfileTier[];
  member: { level: string; requiresLocation: boolean; requiresBusinessUnit: boolean };
  notes?: readonly string[];
  /** Where the profile came from: built into cwctl, or the user's own `profiles/` folder (the file). */
  origin?: { kind: 'builtin' } | { kind: 'user'; file: string };
}
