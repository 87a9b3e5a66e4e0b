// Type-checked by frameworks.test.mjs (tsc -p test/frameworks/vue/tsconfig.json) against the
// generated dist/frameworks/vue.d.ts (`@omsorg/elements/vue`): what Volar / vue-tsc see for the omsorg tags. (vue-tsc is
// not installed here, so App.vue itself is not type-checked.)
import type { GlobalComponents } from 'vue';
// The tags' prop and event types, from the package alone.
import type {} from '@omsorg/elements/vue';

type ListProps = InstanceType<GlobalComponents['omsorg-appointment-list']>['$props'];
type DialogProps = InstanceType<GlobalComponents['omsorg-cancel-dialog']>['$props'];

export const list: ListProps = {
  when: 'past',
  'heading-level': '2',
  onOmsorgAppointmentCancel: (e) => void e.detail.appointmentId.toUpperCase(),
};
export const dialog: DialogProps = {
  onOmsorgAppointmentCancelled: (e) => void e.detail.status,
};
// @ts-expect-error `when` is 'upcoming' | 'past'
export const badWhen: ListProps = { when: 42 };
// @ts-expect-error the intent event's detail has no status
export const badDetail: ListProps = { onOmsorgAppointmentCancel: (e) => e.detail.status };

// Texts the host owns, type-checked from the package: the catalogs' keys and kinds.
import { setTexts, type OmsorgTexts } from '@omsorg/elements';
export const texts: OmsorgTexts = { 'appointment-list': { title: 'Besøk fra kommunen' }, common: { retry: 'Prøv på nytt' } };
// @ts-expect-error not a text of the login element
export const badKey: OmsorgTexts = { login: { noSuchText: 'x' } };
// @ts-expect-error a text is a string
export const badKind: OmsorgTexts = { login: { signIn: 42 } };
export const apply = (): void => setTexts('nn', texts);
