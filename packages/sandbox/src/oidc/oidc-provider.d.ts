// oidc-provider 9 ships no type declarations (and @types/oidc-provider is not installed): the
// parts the sandbox uses are typed loosely here so `// @ts-check` files check under `strict`.
declare module 'oidc-provider' {
  const Provider: any;
  type Provider = any;
  export default Provider;
  export const errors: any;
}
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => unknown;
}
