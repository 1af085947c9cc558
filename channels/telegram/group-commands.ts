/**
 * /daftar_grup <kode> and /hapus_grup in a Telegram group: the answer text (Indonesian) for each
 * outcome. Any member holding a valid one-time code may register (the code is the authority);
 * only group admins may unregister, so a member cannot silence an agency's notifications.
 */
import type { Logger } from '../../src/runtime/logger';
import type { GroupRegistry } from './group-registry';
import type { GroupRef, PersonRef } from './mapper';

export interface GroupCommandDeps {
  registry?: GroupRegistry;
  isGroupAdmin(chatId: string, userId: string): Promise<boolean>;
  logger: Logger;
}

const NOT_ENABLED = 'Pendaftaran grup notifikasi belum diaktifkan pada layanan ini.';
const TRY_LATER = 'Maaf, terjadi gangguan sementara. Silakan coba lagi beberapa saat lagi.';

export async function registerGroup(chat: GroupRef, by: PersonRef, code: string | null, deps: GroupCommandDeps): Promise<string> {
  if (!deps.registry) return NOT_ENABLED;
  if (!code) return 'Cara mendaftarkan grup: kirim /daftar_grup <kode>, dengan kode pendaftaran dari konsol petugas.';
  try {
    const result = await deps.registry.register(code, chat, by);
    if (!result) {
      return 'Kode pendaftaran tidak valid atau sudah kedaluwarsa. Minta kode baru kepada koordinator layanan di konsol petugas.';
    }
    deps.logger.info('telegram: notification group registered', { chatId: chat.id, agency: result.agencyName, by: by.id });
    return `Grup ini sekarang menerima notifikasi helpdesk untuk **${result.agencyName}**.`;
  } catch (err) {
    deps.logger.error('telegram: group registration failed', { chatId: chat.id, err });
    return TRY_LATER;
  }
}

export async function unregisterGroup(chat: GroupRef, by: PersonRef, deps: GroupCommandDeps): Promise<string> {
  if (!deps.registry) return NOT_ENABLED;
  try {
    if (!(await deps.isGroupAdmin(chat.id, by.id))) return 'Hanya admin grup yang dapat menghapus pendaftaran grup ini.';
    const removed = await deps.registry.unregister(chat.id);
    deps.logger.info('telegram: notification group unregistered', { chatId: chat.id, by: by.id, removed });
    return removed ? 'Grup ini tidak lagi menerima notifikasi helpdesk.' : 'Grup ini belum terdaftar sebagai grup notifikasi.';
  } catch (err) {
    deps.logger.error('telegram: group unregistration failed', { chatId: chat.id, err });
    return TRY_LATER;
  }
}
