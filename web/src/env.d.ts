/// <reference types="vite/client" />
/** Vite's client types (CSS and asset imports) for the web pages. */
export {};
