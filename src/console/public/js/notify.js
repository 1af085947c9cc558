// @ts-check
/**
 * Opt-in alerts for new chats waiting for an officer: a short sound and, while the console is in
 * the background, a desktop notification. Off until the officer turns it on (the choice is kept
 * in this browser's localStorage); the browser asks for the notification permission then.
 */
import { el } from './dom.js';
import { onInbox } from './live.js';

const KEY = 'konsol.notifikasi';

export const notifyEnabled = () => {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
};

/** @param {boolean} on */
function store(on) {
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the choice lasts this page only */
  }
}

/** @type {AudioContext | null} */
let audio = null;

/** Two short tones, made in the browser (no file to load). */
function chime() {
  try {
    audio ??= new AudioContext();
    const t = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, t + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + i * 0.18);
      osc.stop(t + i * 0.18 + 0.17);
    }
  } catch {
    /* no audio on this device */
  }
}

/** @param {string} body @param {string} tag */
function desktop(body, tag) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
  try {
    const n = new Notification('Percakapan baru menunggu petugas', { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    /* some browsers allow notifications only from a service worker */
  }
}

/** The toggle button in the top bar (after log-in). */
export function setupNotify() {
  const existing = document.getElementById('notify-toggle');
  if (existing) return;
  const button = el('button', { type: 'button', id: 'notify-toggle', className: 'btn btn-ghost', 'aria-pressed': String(notifyEnabled()) });
  const show = () => {
    const on = notifyEnabled();
    button.textContent = on ? 'Notifikasi: hidup' : 'Notifikasi: mati';
    button.setAttribute('aria-pressed', String(on));
    button.title = on ? 'Bunyi dan notifikasi desktop untuk percakapan baru yang menunggu. Klik untuk mematikan.' : 'Nyalakan bunyi dan notifikasi desktop untuk percakapan baru yang menunggu.';
  };
  button.addEventListener('click', async () => {
    const on = !notifyEnabled();
    store(on);
    if (on) {
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission().catch(() => 'denied');
      chime(); // also unlocks audio, which browsers allow only after a click
    }
    show();
  });
  show();
  const logout = document.getElementById('logout');
  logout?.parentElement?.insertBefore(button, logout);
}

onInbox((ev) => {
  if (ev.kind !== 'waiting' || !notifyEnabled()) return;
  chime();
  desktop(typeof ev.service === 'string' && ev.service ? `Layanan: ${ev.service}` : 'Buka konsol untuk melihatnya.', String(ev.conversationId ?? 'waiting'));
});
