// The page's Content-Security-Policy, defined once: vite.config.ts puts it in index.html as a
// <meta> and sends it as a header from `npm run dev` and `vite preview` (the header is the one a
// worker script gets: a <meta> covers only the document).
//
// No 'unsafe-eval' and no 'unsafe-inline': the build has no inline script or style. The dev
// server injects two inline things (React refresh's preamble, Vite's CSS), allowed by a nonce
// that exists only in dev (`DEV_NONCE`, never in a build).

export const DEV_NONCE = 'learner-playground-dev';

export interface CspOptions {
  /** The dev server (its inline preamble and styles carry DEV_NONCE). */
  dev: boolean;
  /** Sent as a header: directives a <meta> may not carry are added. */
  header: boolean;
  /**
   * The policy of the training worker's own script: it may also import blob: modules, the
   * callbacks a user writes (docs/callbacks.md). The page never may.
   */
  worker?: boolean;
}

/**
 * Sent with every response beside the CSP: a cross-origin isolated page may share memory with its
 * worker (the user callbacks' call beacon); nothing here comes from another origin.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export function contentSecurityPolicy({ dev, header, worker = false }: CspOptions): string {
  const nonce = dev ? [`'nonce-${DEV_NONCE}'`] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // WebAssembly.compile for tfjs's WASM backend; nothing may turn a string into code
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...nonce, ...(worker ? ['blob:'] : [])],
    'style-src': ["'self'", ...nonce],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  if (header) directives['frame-ancestors'] = ["'none'"];
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
