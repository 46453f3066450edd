// Types for `marked` as the panel uses it: the package is ESM-only, which the CommonJS type-check cannot import, so
// tsconfig maps the name here; esbuild bundles the real package.
declare module 'marked' {
  export interface MarkedOptions {
    readonly gfm?: boolean;
    readonly breaks?: boolean;
    readonly async?: false;
  }
  export const marked: {
    parse(src: string, options?: MarkedOptions): string | Promise<string>;
    setOptions(options: MarkedOptions): void;
  };
}
