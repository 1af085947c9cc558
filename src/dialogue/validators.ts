/**
 * Checks of what users type into report flows: NIP, phone numbers and e-mail addresses. People
 * write them inside sentences ("nip sy 1990…", "no hp saya 0812-3456-7890"), in groups of digits
 * ("1990 0101 2015 03 2 001", "+62 812 3456 7890"): the value is found wherever it is.
 */

/** Groups of digits (with . - ( ) + inside) between anything else, in order. */
function digitGroups(text: string): string[] {
  return text
    .replace(/[^\d\s.()+-]/g, ' ')
    .split(/\s+/)
    .map((g) => g.replace(/^[.()-]+|[.()-]+$/g, ''))
    .filter((g) => /\d/.test(g));
}

/**
 * Runs of consecutive digit groups (up to `maxGroups`), each joined without separators, longest
 * first from each start: "0812 3456 7890" yields "081234567890" before "08123456".
 */
function* joinedRuns(text: string, maxGroups: number): Generator<string> {
  const groups = digitGroups(text);
  for (let start = 0; start < groups.length; start++) {
    for (let n = Math.min(maxGroups, groups.length - start); n >= 1; n--) {
      yield groups
        .slice(start, start + n)
        .join('')
        .replace(/[.()-]/g, '');
    }
  }
}

function validNip(digits: string): boolean {
  if (!/^\d{18}$/.test(digits)) return false;
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1930 || y > 2015 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  const tmtYear = Number(digits.slice(8, 12));
  const tmtMonth = Number(digits.slice(12, 14));
  if (tmtYear < y + 15 || tmtYear > 2100 || tmtMonth < 1 || tmtMonth > 12) return false;
  return digits[14] === '1' || digits[14] === '2';
}

/**
 * An ASN NIP: 18 digits = birth date (YYYYMMDD), appointment month (YYYYMM), sex (1/2) and a
 * 3-digit sequence, found anywhere in the text (spaces, dots and dashes tolerated). Returns the
 * 18 digits or null.
 */
export function parseNip(text: string): string | null {
  for (const run of joinedRuns(text, 6)) if (validNip(run)) return run;
  return null;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** Indonesian numbers: 0…, 62… or +62…, 9 to 14 digits after the prefix. */
const PHONE = /^(?:\+62|62|0)\d{8,13}$/;

/** A phone number or e-mail address found in the text, or null. */
export function parseContact(text: string): string | null {
  const email = EMAIL.exec(text);
  if (email) return email[0].toLowerCase();
  for (const run of joinedRuns(text, 5)) {
    if (PHONE.test(run) && !validNip(run)) return run;
  }
  return null;
}

/**
 * A comparable form of a contact: e-mail lowercased; a phone number as its digits in the national
 * form ("+62 812-3456-7890", "6281234567890" and "081234567890" all give "081234567890").
 */
export function contactKey(contact: string): string {
  const c = contact.trim();
  if (c.includes('@')) return c.toLowerCase();
  let digits = c.replace(/\D/g, '');
  if (digits.startsWith('62')) digits = `0${digits.slice(2)}`;
  else if (digits.startsWith('8')) digits = `0${digits}`;
  return digits;
}

/** Whether two contacts (as typed, or as stored) name the same phone number or e-mail address. */
export function sameContact(a: string, b: string): boolean {
  const ka = contactKey(a);
  return ka.length > 0 && ka === contactKey(b);
}

/** The phone number of a WhatsApp sender id ("6281234567890@c.us" -> "+6281234567890"), or null. */
export function whatsappNumber(senderId: string): string | null {
  const digits = senderId.split('@')[0]!.replace(/\D/g, '');
  if (digits.length < 9 || digits.length > 15) return null;
  if (digits.startsWith('62')) return `+${digits}`;
  if (digits.startsWith('0')) return digits;
  return `+${digits}`;
}
