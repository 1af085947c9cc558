/** Checks of what users type into report flows: NIP, phone numbers and e-mail addresses. */

/**
 * An ASN NIP: 18 digits = birth date (YYYYMMDD), appointment month (YYYYMM), sex (1/2) and a
 * 3-digit sequence. Spaces, dots and dashes are tolerated. Returns the 18 digits or null.
 */
export function parseNip(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, '');
  if (!/^\d{18}$/.test(digits)) return null;
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1930 || y > 2015 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return null;
  const tmtYear = Number(digits.slice(8, 12));
  const tmtMonth = Number(digits.slice(12, 14));
  if (tmtYear < y + 15 || tmtYear > 2100 || tmtMonth < 1 || tmtMonth > 12) return null;
  if (digits[14] !== '1' && digits[14] !== '2') return null;
  return digits;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** Indonesian numbers: 0…, 62… or +62…, 9 to 14 digits after the prefix. */
const PHONE = /(?:\+62|62|0)\d{8,13}/;

/** A phone number or e-mail address found in the text, or null. */
export function parseContact(text: string): string | null {
  const email = EMAIL.exec(text);
  if (email) return email[0].toLowerCase();
  const compact = text.replace(/[\s().-]/g, '');
  const phone = PHONE.exec(compact);
  if (!phone) return null;
  // Reject longer digit runs (an 18-digit NIP is not a phone number).
  const after = compact.slice(phone.index + phone[0].length);
  if (/^\d/.test(after)) return null;
  return phone[0];
}

/** The phone number of a WhatsApp sender id ("6281234567890@c.us" -> "+6281234567890"), or null. */
export function whatsappNumber(senderId: string): string | null {
  const digits = senderId.split('@')[0]!.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 15) return null;
  if (digits.startsWith('62')) return `+${digits}`;
  if (digits.startsWith('0')) return digits;
  return `+${digits}`;
}
