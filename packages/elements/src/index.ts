/**
 * @omsorg/elements: the element classes and the public helpers. Importing this module registers
 * nothing; `import '@omsorg/elements/define.js'` registers every element (guarded).
 */
export { OmsorgAppointmentList } from './appointment-list/appointment-list.js';
export { OmsorgCancelDialog } from './cancel-dialog/cancel-dialog.js';
export { OmsorgServiceList } from './service-list/service-list.js';
export { OmsorgLogin } from './login/login.js';
export { OmsorgInbox } from './inbox/inbox.js';
export { OmsorgMessageThread } from './message-thread/message-thread.js';
export { OmsorgAccessLog } from './access-log/access-log.js';
export { OmsorgConsentPanel } from './consent-panel/consent-panel.js';
export { OmsorgProvider } from './provider/provider.js';

export { OmsorgElement } from './internal/base.js';
export { clientContext, provideClient, providedClient } from './internal/context.js';
export { defineElement } from './internal/define.js';
export { VERSION } from './internal/version.js';
export * from './internal/events.js';
export { setTexts, registerLocale, type OmsorgTexts, type OmsorgText, type OmsorgTextCatalogs } from './internal/texts.js';
/** The shape of a municipality's configuration file (its schema: `@omsorg/elements/config.schema.json`). */
export type { OmsorgConfig, OmsorgConfigAuth, OmsorgConfigFeatures } from './config/types.js';
