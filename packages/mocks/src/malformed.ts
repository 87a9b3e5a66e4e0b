/**
 * Bodies for the `malformed` scenario: 2xx answers that break the contract the way a buggy or
 * foreign server would (unknown enum values, missing required fields, wrong types). A client
 * must report them as invalid responses, not crash or show half-parsed data as if it were fine.
 */
import type { Appointment, AppointmentPage, GrantedService, Me, Message, RecipientList, Thread, ThreadDetail, ThreadPage } from '@omsorg/contract';

type Loose = Record<string, unknown>;

const loose = (value: object): Loose => structuredClone(value) as Loose;

export function malformedMe(me: Me): unknown {
  const out = loose(me);
  // A string where a Coding belongs, scopes missing, a number where a date-time belongs.
  out.subjects = me.subjects.map((s) => ({ id: s.id, name: s.name, relation: 'self' }));
  out.sessionExpiresAt = 3600;
  return out;
}

/** One broken appointment per variant; the first item of a page stays valid. */
export function malformedAppointment(a: Appointment, variant = 0): unknown {
  const out = loose(a);
  switch (variant % 5) {
    case 0:
      out.status = 'confirmed'; // not in AppointmentStatus
      out.version = 7; // a number where a string belongs
      break;
    case 1:
      delete out.start;
      delete out.cancellationPolicy;
      break;
    case 2:
      out.cancellationPolicy = { ...a.cancellationPolicy, cancellable: 'yes', mode: 'maybe' };
      break;
    case 3:
      out.serviceType = 'hjemmesykepleie';
      out.timing = 'sometime';
      break;
    default:
      out.start = '31.12.2025 kl. 08.00';
      out.careService = null;
  }
  return out;
}

export function malformedPage(page: AppointmentPage): unknown {
  const [first, ...rest] = page.items;
  return {
    items: [...(first ? [first] : []), ...rest.map((a, i) => malformedAppointment(a, i))],
    nextCursor: 42, // a number where a string or null belongs
  };
}

export function malformedServices(items: GrantedService[]): unknown {
  return {
    items: items.map((s, i) => {
      const out = loose(s);
      if (i % 3 === 0) out.extent = { amount: 'tre', unit: 'visits', per: 'fortnight' };
      else if (i % 3 === 1) out.status = 'paused';
      else delete out.validFrom;
      return out;
    }),
  };
}

/** A cancellation answer that is not an appointment at all. */
export function malformedCancellation(): unknown {
  return { ok: true, status: 'cancelled' };
}

/** Broken message fields, one variant each. */
export function malformedMessage(m: Message, variant = 0): unknown {
  const out = loose(m);
  switch (variant % 4) {
    case 0:
      out.text = 42; // a number where text belongs
      out.sentAt = 'i går kl. 13';
      break;
    case 1:
      out.sender = { role: 'admin', name: null };
      break;
    case 2:
      delete out.attachments;
      out.unread = 'yes';
      break;
    default:
      out.attachments = [{ id: 'x', filename: 'virus.exe', contentType: 'application/x-msdownload', size: -1 }];
  }
  return out;
}

function malformedThreadItem(t: Thread, variant: number): Record<string, unknown> {
  const out = loose(t);
  switch (variant % 4) {
    case 0:
      out.status = 'archived'; // not in the enum
      out.unreadCount = '3';
      break;
    case 1:
      delete out.title;
      delete out.lastActivityAt;
      break;
    case 2:
      out.careService = 'Hjemmesykepleien';
      out.seenSinceLastUpdate = null;
      break;
    default:
      out.lastMessage = { excerpt: 7 };
      out.createdAt = '2025-13-45';
  }
  return out;
}

/** The first thread stays valid; the rest are broken, and the unread count is a string. */
export function malformedThreadPage(page: ThreadPage): unknown {
  const [first, ...rest] = page.items;
  return { items: [...(first ? [first] : []), ...rest.map((t, i) => malformedThreadItem(t, i))], nextCursor: 0, unreadCount: String(page.unreadCount) };
}

export function malformedThread(t: ThreadDetail): unknown {
  const out = malformedThreadItem(t, 0);
  out.messages = t.messages.map((m, i) => malformedMessage(m, i));
  return out;
}

export function malformedRecipients(list: RecipientList): unknown {
  return {
    items: list.items.map((r, i) => {
      const out = loose(r);
      if (i % 2 === 0) out.replyPolicy = { expectedReplyWorkingDays: 'two' };
      else delete out.grantedServiceId;
      return out;
    }),
  };
}
