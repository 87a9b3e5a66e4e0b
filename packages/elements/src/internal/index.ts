export { OmsorgElement } from './base.js';
export { defineElement } from './define.js';
export { clientContext, provideClient, providedClient, ensureContextRoot } from './context.js';
export { normalizeLocale, langOf, onLangChange, type Locale } from './locale.js';
export { common, catalog, errorMessage, type Catalog, type CommonMessages } from './messages.js';
export * from './format.js';
export * from './events.js';
export { baseStyles } from './styles.js';
export { VERSION } from './version.js';
