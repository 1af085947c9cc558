/**
 * Masks what identifies a person in free text kept for reports and knowledge gaps: e-mail
 * addresses and long digit runs (NIK has 16 digits, NIP 18, phone numbers 10-13). Ticket numbers
 * (HD-YYMMDD-NNNN: runs of 6 and 4 digits) are kept.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 8 or more digits, optionally separated by single spaces, dots or dashes; not part of a word or ticket number.
const LONG_NUMBER = /(?<![\p{L}\p{N}-])\+?\d(?:[ .-]?\d){7,}(?![\p{L}\p{N}])/gu;

export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(LONG_NUMBER, '[nomor]');
}
