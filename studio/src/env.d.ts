/// <reference types="vite/client" />
/** Vite's client types (CSS, asset and `?worker` imports) for the studio. */
export {};
