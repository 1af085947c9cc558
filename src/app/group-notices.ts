/**
 * Texts for an agency's Telegram notification group: enough to act on, no personal data
 * (no names, contacts, NIP or message text).
 */
import type { Knowledge } from '../knowledge/types';
import type { Conversation, Ticket } from '../store/port';
import { CATEGORY_LABELS } from '../tickets';

const serviceName = (knowledge: Knowledge, id: string | null) => (id ? (knowledge.services.get(id)?.name ?? id) : 'layanan belum diketahui');

export function ticketCreatedNotice(knowledge: Knowledge, ticket: Ticket): string {
  return `Tiket baru **${ticket.number}**: ${CATEGORY_LABELS[ticket.category]}, ${serviceName(knowledge, ticket.service)} (prioritas ${ticket.priority}). Buka konsol petugas untuk menindaklanjuti.`;
}

export function waitingChatNotice(knowledge: Knowledge, conversation: Conversation): string {
  return `Ada percakapan ${conversation.channel} yang menunggu petugas (${serviceName(knowledge, conversation.service)}). Buka konsol petugas untuk mengambil alih.`;
}
