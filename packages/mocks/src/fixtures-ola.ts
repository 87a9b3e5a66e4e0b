/** Ola Nordmann (86, lives at home in the fictional Fjordvik kommune): daily home nursing and more. */
import type { Appointment, GrantedService, Location, Person } from '@omsorg/contract';
import { appointment, dayTag, grantedService, reason, type Provider } from './fixture-builders.js';
import { osloDateTime, osloIso } from '@omsorg/contract';

export const olaSubjectId = 'sub-ola-7f3a';

// Phone numbers and addresses are made up for the fictional municipality.
export const olaProviders = {
  nursing: {
    serviceCode: '15',
    careService: { id: 'cs-hjemmesykepleie-nord', name: 'Hjemmesykepleien sone Nord', phone: '+47 21 00 00 15' },
    mode: 'final',
    deadline: { kind: 'day-before', hour: 15 },
    consequence: null,
  },
  practical: {
    serviceCode: '1',
    careService: { id: 'cs-praktisk-bistand', name: 'Praktisk bistand, Fjordvik kommune', phone: '+47 21 00 00 11' },
    mode: 'final',
    deadline: { kind: 'before', minutes: 24 * 60 },
    consequence: 'Avbestilt tid blir ikke flyttet til en annen dag.',
  },
  alarm: {
    serviceCode: '6',
    careService: { id: 'cs-trygghetsalarm', name: 'Trygghetsalarmtjenesten', phone: '+47 21 00 00 06' },
    mode: 'final',
    deadline: { kind: 'before', minutes: 3 * 24 * 60 },
    consequence: 'Alarmen blir ikke kontrollert før neste ledige tid.',
  },
  dayCentre: {
    serviceCode: '4',
    careService: { id: 'cs-dagsenter-solsiden', name: 'Solsiden dagsenter', phone: '+47 21 00 00 40' },
    mode: 'request',
    deadline: { kind: 'day-before', hour: 12 },
    consequence: 'Dagsenteret må godkjenne avbestillingen. Transporten blir avbestilt samtidig, og du betaler ikke for måltidene.',
  },
  meals: {
    serviceCode: '5',
    careService: { id: 'cs-storkjokken', name: 'Fjordvik storkjøkken', phone: '+47 21 00 00 05' },
    mode: 'final',
    deadline: { kind: 'day-before', hour: 10 },
    consequence: null,
  },
} as const satisfies Record<string, Provider>;

const home: Location = { name: 'Hjemme', address: 'Granveien 4, 9999 Fjordvik', atHome: true };
const dayCentre: Location = { name: 'Solsiden dagsenter', address: 'Sjøgata 21, 9999 Fjordvik', atHome: false };
const primaryNurse = { name: 'Ingrid Berg (primærkontakt)', phone: '+47 21 00 00 16' };

/** Upcoming days with home-nursing visits, and days back in the past. */
const NURSING_DAYS_AHEAD = 14;
const NURSING_DAYS_BACK = 7;

export function olaAppointments(now: Date, kari: Person, ola: Person): Appointment[] {
  const sub = olaSubjectId;
  const out: Appointment[] = [];
  const p = olaProviders;

  for (let day = -NURSING_DAYS_BACK; day < NURSING_DAYS_AHEAD; day++) {
    out.push(
      appointment(now, {
        id: `apt-ola-hsp-${dayTag(day)}-am`,
        subjectId: sub,
        provider: p.nursing,
        day,
        start: [8, 0],
        end: [10, 0],
        timing: 'window',
        description: 'Morgenbesøk: medisiner og hjelp til morgenstell',
        location: home,
        contact: primaryNurse,
        preparation:
          day === 2 ? 'Blodprøve denne morgenen: ikke spis frokost før sykepleieren har vært hos deg.' : null,
      }),
    );
    const cancelledEvening = day === -2;
    out.push(
      appointment(now, {
        id: `apt-ola-hsp-${dayTag(day)}-pm`,
        subjectId: sub,
        provider: p.nursing,
        day,
        start: [20, 0],
        end: [21, 30],
        timing: 'window',
        description: 'Kveldsbesøk: kveldsmedisiner',
        location: home,
        ...(cancelledEvening
          ? {
              status: 'cancelled',
              cancellation: {
                reason: reason('pat-fam'),
                comment: 'Pappa er hos meg denne kvelden.',
                requestedAt: osloIso(osloDateTime(now, -3, 10, 12)),
                requestedBy: kari,
                answeredAt: null,
                rejectionNote: null,
              },
            }
          : {}),
      }),
    );
  }

  const practical = (day: number) =>
    appointment(now, {
      id: `apt-ola-prakt-${dayTag(day)}`,
      subjectId: sub,
      provider: p.practical,
      day,
      start: [10, 0],
      end: [13, 0],
      timing: 'exact',
      description: 'Rengjøring av bad, kjøkken og stue',
      location: home,
      contact: { name: 'Ahmed Saleh', phone: '+47 21 00 00 12' },
      preparation: 'Sett fram støvsuger og rengjøringsmidler. Vi handler ikke inn denne dagen.',
    });
  out.push(practical(-5), practical(2), practical(9));

  // Always tomorrow and always past its three-day deadline: the "call us instead" case.
  out.push(
    appointment(now, {
      id: 'apt-ola-alarm-d01',
      subjectId: sub,
      provider: p.alarm,
      day: 1,
      start: [13, 0],
      end: [13, 30],
      timing: 'exact',
      description: 'Årlig kontroll av trygghetsalarmen',
      location: home,
      contact: { name: 'Tekniker, Trygghetsalarmtjenesten', phone: null },
      preparation: 'Ha alarmknappen på deg. Teknikeren må komme inn i boligen.',
    }),
  );

  const centre = (day: number, extra: Partial<Parameters<typeof appointment>[1]> = {}) =>
    appointment(now, {
      id: `apt-ola-dagsenter-${dayTag(day)}`,
      subjectId: sub,
      provider: p.dayCentre,
      day,
      start: [10, 0],
      end: [15, 0],
      timing: 'exact',
      description: 'Dagsenter med lunsj, trim og sosialt fellesskap',
      location: dayCentre,
      contact: { name: 'Solveig Aas', phone: '+47 21 00 00 41' },
      preparation: 'Husk innesko og medisiner til lunsj. Transporten henter deg ca. kl. 09.30.',
      ...extra,
    });
  out.push(
    centre(-4),
    centre(3),
    centre(6, {
      status: 'cancellation-requested',
      cancellation: {
        reason: reason('pat-schedule'),
        comment: null,
        requestedAt: osloIso(osloDateTime(now, -1, 18, 40)),
        requestedBy: ola,
        answeredAt: null,
        rejectionNote: null,
      },
    }),
    centre(10, {
      status: 'cancellation-rejected',
      cancellation: {
        reason: reason('pat-schedule'),
        comment: 'Jeg skal til frisøren.',
        requestedAt: osloIso(osloDateTime(now, -2, 9, 5)),
        requestedBy: ola,
        answeredAt: osloIso(osloDateTime(now, -1, 11, 30)),
        rejectionNote: 'Denne dagen har vi helsesjekk hos fastlegen på dagsenteret. Ring oss om du ikke kan komme.',
      },
    }),
    centre(13),
  );
  return out;
}

export function olaServices(now: Date): GrantedService[] {
  const p = olaProviders;
  return [
    grantedService(now, {
      id: 'vedtak-ola-hsp',
      provider: p.nursing,
      status: 'active',
      extent: { amount: 2, unit: 'visits', per: 'day' },
      fromMonths: -14,
      note: 'Morgen- og kveldsbesøk: medisiner og hjelp til personlig stell.',
    }),
    grantedService(now, {
      id: 'vedtak-ola-prakt',
      provider: p.practical,
      status: 'active',
      extent: { amount: 3, unit: 'hours', per: 'week' },
      fromMonths: -6,
      toMonths: 6,
      note: 'Rengjøring og hjelp til klesvask.',
    }),
    grantedService(now, {
      id: 'vedtak-ola-alarm',
      provider: p.alarm,
      status: 'active',
      extent: { amount: 1, unit: 'units', per: 'month' },
      fromMonths: -24,
      note: 'Alarmen er koblet til responssenteret hele døgnet.',
    }),
    grantedService(now, {
      id: 'vedtak-ola-dagsenter',
      provider: p.dayCentre,
      status: 'active',
      extent: { amount: 2, unit: 'days', per: 'week' },
      fromMonths: -3,
    }),
    grantedService(now, {
      id: 'vedtak-ola-mat',
      provider: p.meals,
      status: 'ended',
      extent: { amount: 7, unit: 'units', per: 'week' },
      fromMonths: -12,
      toMonths: -1,
      note: 'Avsluttet etter eget ønske.',
    }),
  ];
}
