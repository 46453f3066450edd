// Types for jsonrepair's CommonJS build: its package points `require` at ESM-only typings (TS1479), so tsconfig maps here.
declare module 'jsonrepair' {
  /** Repairs a JSON document; throws JSONRepairError when it cannot. */
  export function jsonrepair(text: string): string;
}
