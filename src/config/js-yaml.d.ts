// The part of js-yaml (4.x) that load-fast.ts uses. js-yaml ships no types and @types/js-yaml is not installed;
// this keeps `any` out of our code. Ambient declaration only.
declare module 'js-yaml' {
  export interface LoaderState {
    /** The text being read: the input with a line end (if it had none) and a NUL appended, as one flat string. */
    input: string;
    position: number;
    result: unknown;
    kind: string | null;
  }
  export interface LoadOptions {
    filename?: string;
    schema?: unknown;
    json?: boolean;
    listener?: (event: 'open' | 'close', state: LoaderState) => void;
  }
  export const CORE_SCHEMA: unknown;
  export function load(text: string, options?: LoadOptions): unknown;
  const jsyaml: { load: typeof load; CORE_SCHEMA: unknown };
  export default jsyaml;
}
