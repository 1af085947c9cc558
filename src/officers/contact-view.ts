/**
 * The console's contact view: one person (a channel and the sender id there) with their past
 * conversations and tickets, limited to what the officer may read (src/officers/scope.ts).
 *
 * Who the person is: the conversation of that sender (for every channel the private thread is the
 * sender id), the tickets reported from it, and, as the tracking-from-anywhere feature does
 * (a ticket is theirs to track when they know its contact), the other conversations and tickets
 * that carry the same contact (phone or e-mail, in any of its stored forms) or come from the
 * WhatsApp number they gave, and the chats those tickets were reported from. Those are marked
 * `via: 'kontak'`.
 *
 * Personal data (the same rule as the ticket details: reporter details are for the roles that see
 * them, never for the penyedia-layanan): phone, e-mail, NIP and a WhatsApp number come masked; the
 * full values only on request (`full`), and that viewing is audited (`contact.view`). The lists
 * carry no contact details, and ticket summaries come with numbers and addresses masked.
 * An unknown person and a person with nothing in the officer's scope answer the same 404.
 */
import { ForbiddenError, NotFoundError } from '../domain/errors';
import type { Channel, ConversationOwner, TicketCategory, TicketStatus } from '../domain/ids';
import { isAnonymisedConversation } from '../privacy/anonymise';
import { emailKey, phoneKey } from '../privacy/contact';
import { maskContact, maskIdNumber, maskPhone } from '../privacy/display-mask';
import { createScrubber } from '../privacy/scrub';
import type { Conversation, Officer, Ticket } from '../store/port';
import { CATEGORY_LABELS, STATUS_LABELS } from '../tickets';
import { agencyName, audit, type OfficerDeps } from './deps';
import { canReadConversation, canReadTicket, readsEverything, seesReporterDetails } from './scope';

/** At most this many conversations and tickets are gathered per person (then paged). */
export const CONTACT_RECORDS_CAP = 200;
export const CONTACT_PAGE_MAX = 50;

/** How a record was found: from the person's own chat, or by the contact they gave. */
export type Via = 'akun' | 'kontak';

export interface ContactConversation {
  id: string;
  channel: Channel;
  startedAt: number;
  lastMessageAt: number;
  state: ConversationOwner;
  officerName: string | null;
  agency: string | null;
  agencyName: string | null;
  service: string | null;
  serviceName: string | null;
  ticket: string | null;
  via: Via;
}

export interface ContactTicket {
  number: string;
  status: TicketStatus;
  statusLabel: string;
  category: TicketCategory;
  categoryLabel: string;
  service: string | null;
  serviceName: string | null;
  agency: string;
  agencyName: string | null;
  summary: string;
  channel: Channel;
  createdAt: number;
  via: Via;
}

export interface ContactView {
  person: {
    channel: Channel;
    /** The sender id (a WhatsApp id is a phone number: masked unless `full`). */
    senderId: string;
    name: string | null;
    contact: string | null;
    nip: string | null;
    /** Whether contact, NIP and sender id are shown in full. */
    full: boolean;
  };
  conversations: ContactConversation[];
  conversationsTotal: number;
  tickets: ContactTicket[];
  ticketsTotal: number;
  limit: number;
  offset: number;
  /** More conversations or tickets after this page. */
  more: boolean;
}

export interface ContactQuery {
  limit: number;
  offset: number;
  full: boolean;
}

export interface ContactDirectory {
  view(officer: Officer, channel: Channel, senderId: string, query: ContactQuery): Promise<ContactView>;
}

/** Every stored form of a contact: an e-mail lower-cased; a phone as 0…, 62… and +62…. */
export function contactForms(contact: string): string[] {
  const email = emailKey(contact);
  if (email) return [email];
  const phone = phoneKey(contact);
  if (!phone) return [contact.trim()];
  const national = phone.slice(2);
  return [`0${national}`, phone, `+${phone}`];
}

const summaryScrubber = createScrubber();

export function createContactDirectory(deps: OfficerDeps): ContactDirectory {
  const { store } = deps;
  const notFound = () => new NotFoundError('Kontak tidak ditemukan.');

  async function gather(root: Conversation) {
    const conversations = new Map<string, { c: Conversation; via: Via }>([[root.id, { c: root, via: 'akun' }]]);
    const tickets = new Map<string, { t: Ticket; via: Via }>();
    const addTicket = (t: Ticket, via: Via) => {
      if (!tickets.has(t.number)) tickets.set(t.number, { t, via });
    };
    const addConversation = (c: Conversation | null) => {
      if (c && !conversations.has(c.id) && !isAnonymisedConversation(c)) conversations.set(c.id, { c, via: 'kontak' });
    };
    for (const t of await store.listTickets({ reporterConversationId: root.id, limit: CONTACT_RECORDS_CAP })) addTicket(t, 'akun');

    const given = new Set<string>();
    if (root.identity.contact) given.add(root.identity.contact);
    const ownNumber = root.channel === 'whatsapp' ? phoneKey(root.threadId) : null;
    if (ownNumber) given.add(ownNumber);
    for (const { t } of tickets.values()) if (t.reporter.contact) given.add(t.reporter.contact);
    const forms = [...new Set([...given].flatMap(contactForms))].filter(Boolean);
    if (forms.length) {
      for (const c of await store.listConversations({ contacts: forms, limit: CONTACT_RECORDS_CAP })) addConversation(c);
      for (const f of forms) if (/^62\d+$/.test(f)) addConversation(await store.findConversation('whatsapp', `${f}@c.us`));
      const byContact = await store.listTickets({ reporterContacts: forms, limit: CONTACT_RECORDS_CAP });
      for (const t of byContact) addTicket(t, 'kontak');
      // A ticket found by the contact makes the chat it was reported from theirs too.
      for (const t of byContact) if (!conversations.has(t.reporter.conversationId)) addConversation(await store.getConversation(t.reporter.conversationId));
      for (const { c, via } of [...conversations.values()]) {
        if (via !== 'kontak') continue;
        for (const t of await store.listTickets({ reporterConversationId: c.id, limit: CONTACT_RECORDS_CAP })) addTicket(t, 'kontak');
      }
    }
    return { conversations: [...conversations.values()].slice(0, CONTACT_RECORDS_CAP), tickets: [...tickets.values()].slice(0, CONTACT_RECORDS_CAP) };
  }

  return {
    async view(officer, channel, senderId, query) {
      if (!seesReporterDetails(officer)) throw new ForbiddenError('Peran Anda tidak dapat melihat data kontak pelapor.');
      const root = await store.findConversation(channel, senderId);
      if (!root || isAnonymisedConversation(root)) throw notFound();
      const found = await gather(root);

      const ticketCache = new Map<string, Ticket | null>(found.tickets.map(({ t }) => [t.number, t]));
      const linkedOf = async (c: Conversation) => {
        if (!c.ticketNumber) return null;
        if (!ticketCache.has(c.ticketNumber)) ticketCache.set(c.ticketNumber, await store.getTicket(c.ticketNumber));
        return ticketCache.get(c.ticketNumber) ?? null;
      };
      const conversations: { c: Conversation; via: Via }[] = [];
      for (const item of found.conversations) {
        if (readsEverything(officer) || canReadConversation(officer, item.c, await linkedOf(item.c))) conversations.push(item);
      }
      const tickets = found.tickets.filter(({ t }) => canReadTicket(officer, t));
      if (!conversations.length && !tickets.length) throw notFound();

      conversations.sort((a, b) => b.c.lastMessageAt - a.c.lastMessageAt || b.c.createdAt - a.c.createdAt);
      tickets.sort((a, b) => b.t.createdAt - a.t.createdAt || (a.t.number < b.t.number ? 1 : -1));

      // Who they are, from what the officer may read: their own chat first, then their tickets.
      const rootVisible = conversations.some(({ c }) => c.id === root.id);
      const sources = [
        ...(rootVisible ? [root.identity] : []),
        ...tickets.filter(({ via }) => via === 'akun').map(({ t }) => t.reporter),
        ...tickets.filter(({ via }) => via === 'kontak').map(({ t }) => t.reporter),
      ];
      const first = (field: 'name' | 'contact' | 'nip') => sources.map((s) => s[field]).find((v): v is string => typeof v === 'string' && v.length > 0) ?? null;
      const name = first('name');
      const contact = first('contact');
      const nip = first('nip');
      const full = query.full;
      if (full) await audit(deps, officer.id, 'contact.view', `conversation:${root.id}`, { channel });

      const names = new Map<string, string>();
      const officerName = async (id: string | null) => {
        if (!id) return null;
        if (!names.has(id)) names.set(id, (await store.getOfficer(id))?.name ?? id);
        return names.get(id)!;
      };
      const serviceName = (id: string | null) => (id ? (deps.knowledge.services.get(id)?.name ?? id) : null);
      const pageConversations = conversations.slice(query.offset, query.offset + query.limit);
      const pageTickets = tickets.slice(query.offset, query.offset + query.limit);
      const conversationViews: ContactConversation[] = [];
      for (const { c, via } of pageConversations) {
        conversationViews.push({
          id: c.id,
          channel: c.channel,
          startedAt: c.createdAt,
          lastMessageAt: c.lastMessageAt,
          state: c.owner,
          officerName: await officerName(c.officerId),
          agency: c.agency,
          agencyName: agencyName(deps, c.agency),
          service: c.service,
          serviceName: serviceName(c.service),
          ticket: c.ticketNumber,
          via,
        });
      }
      return {
        person: {
          channel,
          senderId: full || channel !== 'whatsapp' ? senderId : maskPhone(senderId),
          name,
          contact: contact === null ? null : full ? contact : maskContact(contact),
          nip: nip === null ? null : full ? nip : maskIdNumber(nip),
          full,
        },
        conversations: conversationViews,
        conversationsTotal: conversations.length,
        tickets: pageTickets.map(({ t, via }) => ({
          number: t.number,
          status: t.status,
          statusLabel: STATUS_LABELS[t.status],
          category: t.category,
          categoryLabel: CATEGORY_LABELS[t.category],
          service: t.service,
          serviceName: serviceName(t.service),
          agency: t.agency,
          agencyName: agencyName(deps, t.agency),
          summary: summaryScrubber(t.summary),
          channel: t.reporter.channel,
          createdAt: t.createdAt,
          via,
        })),
        ticketsTotal: tickets.length,
        limit: query.limit,
        offset: query.offset,
        more: query.offset + query.limit < Math.max(conversations.length, tickets.length),
      };
    },
  };
}
