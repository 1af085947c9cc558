/**
 * Port for agency notification groups. A koordinator creates a one-time registration code in the
 * officer console; someone in the Telegram group sends `/daftar_grup <kode>`; the registry checks
 * the code and links the group to the agency. Implemented outside channels/ (it needs the store).
 */
export interface GroupRegistry {
  /** Links the group to the code's agency; null when the code is unknown, used or expired. */
  register(code: string, chat: { id: string; title: string }, by: { id: string; name: string }): Promise<{ agencyName: string } | null>;
  /** Unlinks the group; false when it was not registered. */
  unregister(chatId: string): Promise<boolean>;
}
