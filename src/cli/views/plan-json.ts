// Renders a Plan as JSON: the Plan itself (src/model/plan.ts), pretty-printed. This is also the format of
// `plan --out`, which `apply plan.json` reads back. `formatVersion` (now 1) changes only when a field is
// removed or changes meaning; new fields may appear within a version. A plan holds no secret by construction.
// Its shape is published as schema/plan.schema.json (test/contract/plan-schema.test.ts validates real plans).
import type { Plan } from '../../model/plan.js';

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
