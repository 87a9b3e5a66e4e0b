/** Emma Hansen (9): a weekly after-school activity and respite weekends; her father Per acts for her. */
import type { Appointment, GrantedService } from '@omsorg/contract';
import { appointment, dayTag, grantedService, type Provider } from './fixture-builders.js';

export const emmaSubjectId = 'sub-emma-b8e4';

export const emmaProviders = {
  activity: {
    serviceCode: '4',
    careService: { id: 'cs-regnbuen', name: 'Regnbuen aktivitetstilbud for barn og unge', phone: '+47 21 00 00 44' },
    mode: 'final',
    deadline: { kind: 'before', minutes: 3 * 60 },
    consequence: null,
  },
  respite: {
    serviceCode: '7',
    careService: { id: 'cs-avlastning-barn', name: 'Avlastningstjenesten for barn og unge', phone: '+47 21 00 00 70' },
    mode: 'request',
    deadline: { kind: 'before', minutes: 3 * 24 * 60 },
    consequence: 'Avlastningstjenesten må godkjenne avbestillingen. En avbestilt helg blir ikke erstattet.',
  },
  support: {
    serviceCode: '9',
    careService: { id: 'cs-stottekontakt', name: 'Støttekontakttjenesten', phone: '+47 21 00 00 90' },
    mode: 'final',
    deadline: { kind: 'day-before', hour: 12 },
    consequence: null,
  },
} as const satisfies Record<string, Provider>;

export function emmaAppointments(now: Date): Appointment[] {
  const sub = emmaSubjectId;
  const activity = (day: number) =>
    appointment(now, {
      id: `apt-emma-regnbuen-${dayTag(day)}`,
      subjectId: sub,
      provider: emmaProviders.activity,
      day,
      start: [15, 0],
      end: [18, 0],
      timing: 'exact',
      description: 'Aktiviteter, middag og leksehjelp',
      location: { name: 'Regnbuen aktivitetssenter', address: 'Skoleveien 8, 9999 Fjordvik', atHome: false },
      contact: { name: 'Jonas Lie', phone: '+47 21 00 00 45' },
      preparation: 'Ta med skiftetøy og gymsko.',
    });
  const respite = (day: number) =>
    appointment(now, {
      id: `apt-emma-avlastning-${dayTag(day)}`,
      subjectId: sub,
      provider: emmaProviders.respite,
      day,
      start: [16, 0],
      end: [16, 0, 2],
      timing: 'exact',
      description: 'Avlastningshelg',
      location: { name: 'Besøkshjem hos familien Lund', address: null, atHome: false },
      contact: { name: 'Hanne Lund', phone: '+47 21 00 00 71' },
      preparation: 'Pakk medisiner for helgen og legg ved utfylt medisinskjema.',
    });
  return [activity(-6), respite(-10), activity(1), respite(4), activity(8), respite(18)];
}

export function emmaServices(now: Date): GrantedService[] {
  return [
    grantedService(now, {
      id: 'vedtak-emma-regnbuen',
      provider: emmaProviders.activity,
      status: 'active',
      extent: { amount: 3, unit: 'hours', per: 'week' },
      fromMonths: -8,
    }),
    grantedService(now, {
      id: 'vedtak-emma-avlastning',
      provider: emmaProviders.respite,
      status: 'active',
      extent: { amount: 4, unit: 'days', per: 'month' },
      fromMonths: -8,
      toMonths: 16,
      note: 'To helger i måneden, fredag kl. 16 til søndag kl. 16.',
    }),
    grantedService(now, {
      id: 'vedtak-emma-stottekontakt',
      provider: emmaProviders.support,
      status: 'planned',
      extent: { amount: 3, unit: 'hours', per: 'week' },
      fromMonths: 1,
      toMonths: 13,
    }),
  ];
}
