/*!
 * Helpdesk SPBE Kabupaten Cirebon - widget obrolan web (web chat widget). MIT licence.
 *
 * Embed with ONE tag:
 *   <script src="https://helpdesk.example/widget.js" defer
 *           data-title="Helpdesk SPBE Kab. Cirebon" data-open="false"></script>
 *
 * data-api       base URL of the helpdesk API (default: the folder this script was loaded from)
 * data-title     title in the chat header (default "Helpdesk SPBE Kab. Cirebon")
 * data-subtitle  second header line (default "Pemerintah Kabupaten Cirebon")
 * data-open      "true" opens the chat when the page loads (default "false")
 * data-position  "right" (default) or "left"
 * data-greeting  the welcome text shown before the first message
 * data-starters  "false" hides the starter buttons under the welcome text
 *
 * Plain ES2019, no dependencies, no build step. Everything renders inside a Shadow DOM. Message text
 * is only ever inserted with textContent (never innerHTML); styles go through a constructable
 * stylesheet so a page whose Content-Security-Policy forbids inline styles still works.
 */
(function () {
  'use strict';

  if (typeof window === 'undefined' || !window.document) return;
  if (window.HelpdeskSPBE && window.HelpdeskSPBE.version) return; // pasted twice: keep the first

  // ---------------------------------------------------------------- configuration
  var script = document.currentScript;
  if (!script) {
    var candidates = document.querySelectorAll('script[src*="widget.js"]');
    script = candidates.length ? candidates[candidates.length - 1] : null;
  }
  var data = (script && script.dataset) || {};

  function resolveApiBase() {
    var raw = data.api || (script && script.src ? new URL('./', script.src).href : window.location.origin + '/');
    try {
      var u = new URL(raw, window.location.href);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
      return u.href.replace(/\/+$/, '');
    } catch (e) {
      return window.location.origin;
    }
  }

  var API = resolveApiBase();
  var TITLE = (data.title || 'Helpdesk SPBE Kab. Cirebon').slice(0, 80);
  var SUBTITLE = (data.subtitle || 'Pemerintah Kabupaten Cirebon').slice(0, 80);
  var START_OPEN = data.open === 'true';
  var POSITION = data.position === 'left' ? 'left' : 'right';
  var GREETING =
    data.greeting ||
    'Halo! Selamat datang di **Helpdesk SPBE Pemerintah Kabupaten Cirebon**.\n' +
      'Silakan tulis pertanyaan atau kendala Anda. Saya dapat membantu:\n' +
      '- menjawab pertanyaan tentang layanan dan aplikasi\n' +
      '- mencatat laporan gangguan dan permintaan layanan\n' +
      '- melacak status tiket, atau menghubungkan Anda dengan petugas';
  var STARTERS =
    data.starters === 'false'
      ? []
      : [
          { label: 'Tanya layanan', value: 'Saya ingin bertanya tentang layanan SPBE' },
          { label: 'Lapor gangguan', value: 'Saya ingin melaporkan gangguan' },
          { label: 'Ajukan permintaan', value: 'Saya ingin mengajukan permintaan layanan' },
          { label: 'Lacak tiket', value: 'Saya ingin melacak status tiket' },
          { label: 'Bicara dengan petugas', value: 'Saya ingin bicara dengan petugas' },
        ];

  var STORAGE_KEY = 'helpdesk-spbe-cirebon:webchat:v1:' + API;
  var MAX_CHARS = 4000;
  var COUNTER_FROM = 3500;
  var SEND_RETRIES = 5; // network errors: 0.5 s, 1 s, 2 s, 4 s, 8 s, then the message is marked unsent
  var POLL_MS = 2000;
  var STREAM_RETRY_MS = 30000;
  var STREAM_ERRORS_BEFORE_POLLING = 3;
  var TYPING_TIMEOUT_MS = 45000;
  // Files (interfaces.md section 6): the server checks the bytes; this only spares a useless upload.
  var FILE_MAX_BYTES = 10 * 1024 * 1024;
  var FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
  var FILE_EXTENSIONS = /\.(jpe?g|png|webp|pdf)$/i;

  var TEXT = {
    launcherOpen: 'Buka obrolan ' + TITLE,
    launcherClose: 'Tutup obrolan ' + TITLE,
    dialog: 'Obrolan ' + TITLE,
    close: 'Tutup obrolan',
    restart: 'Mulai percakapan baru',
    log: 'Riwayat percakapan',
    input: 'Tulis pesan',
    placeholder: 'Tulis pesan Anda...',
    send: 'Kirim pesan',
    options: 'Pilihan jawaban',
    connecting: 'Menghubungkan...',
    online: 'Terhubung',
    reconnecting: 'Koneksi terputus, mencoba lagi...',
    sending: 'Mengirim...',
    resending: 'Koneksi terputus, mencoba mengirim ulang...',
    empty: 'Tulis pesan terlebih dahulu.',
    tooLong: 'Pesan terlalu panjang (maksimal ' + MAX_CHARS + ' karakter). Silakan persingkat pesan Anda.',
    unsentNetwork: 'Pesan belum terkirim karena koneksi terputus. Periksa jaringan Anda lalu kirim ulang.',
    sessionFailed: 'Tidak dapat memulai obrolan. Periksa koneksi Anda lalu coba lagi.',
    newSession: 'Sesi obrolan sebelumnya sudah berakhir. Percakapan baru dimulai.',
    sessionExpired:
      'Sesi obrolan Anda berakhir karena lama tidak aktif, untuk melindungi data Anda. Percakapan baru dimulai. Untuk laporan sebelumnya, ketik "lacak" dan nomor tiketnya.',
    typing: 'Asisten sedang mengetik',
    you: 'Anda',
    bot: 'Asisten',
    agent: 'Petugas',
    stateSending: 'Mengirim...',
    stateSent: 'Terkirim',
    stateFailed: 'Gagal terkirim',
    retry: 'Kirim ulang',
    retryLabel: 'Kirim ulang pesan',
    attach: 'Lampirkan foto atau dokumen PDF',
    uploading: 'Mengunggah',
    fileTooLarge: 'Berkas terlalu besar. Ukuran maksimal 10 MB.',
    fileType: 'Jenis berkas tidak didukung. Kirim foto JPG, PNG atau WEBP, atau dokumen PDF.',
    fileEmpty: 'Berkas kosong. Silakan pilih berkas lain.',
    fileFailed: 'Berkas belum terkirim. Periksa jaringan Anda lalu kirim ulang.',
    confirmRestart: 'Mulai percakapan baru? Percakapan ini tidak akan tampil lagi di perangkat ini. Simpan dulu nomor tiket Anda: tiket tetap dapat dilacak dengan nomor tiket dan nomor HP/email yang Anda berikan.',
    confirmYes: 'Ya, mulai baru',
    confirmNo: 'Batal',
  };

  // ---------------------------------------------------------------- small helpers
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function icon(paths, size) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size || 24));
    svg.setAttribute('height', String(size || 24));
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    for (var i = 0; i < paths.length; i++) {
      var p = document.createElementNS(SVG_NS, 'path');
      p.setAttribute('d', paths[i]);
      svg.appendChild(p);
    }
    return svg;
  }
  var ICON_CHAT = ['M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'];
  var ICON_CLOSE = ['M6 6l12 12M18 6L6 18'];
  var ICON_SEND = ['M3.4 20.4l17.45-7.48a1 1 0 0 0 0-1.84L3.4 3.6a.99.99 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z'];
  var ICON_RESTART = ['M4 12a8 8 0 1 0 2.34-5.66M4 4v4h4'];
  var ICON_CLIP = ['M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9'];

  function sleep(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return 'w-' + window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    var hex = '';
    for (var j = 0; j < bytes.length; j++) hex += (bytes[j] < 16 ? '0' : '') + bytes[j].toString(16);
    return 'w-' + hex;
  }

  function formatTime(at) {
    var d = at ? new Date(at) : new Date();
    if (isNaN(d.getTime())) d = new Date();
    try {
      return d.toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return (d.getHours() < 10 ? '0' : '') + d.getHours() + '.' + (d.getMinutes() < 10 ? '0' : '') + d.getMinutes();
    }
  }

  /** 1536000 -> "1,5 MB", 2048 -> "2 KB" (Indonesian decimal comma). */
  function formatSize(bytes) {
    var mb = bytes / (1024 * 1024);
    var text = mb >= 1 ? (Math.round(mb * 10) / 10).toString().replace('.', ',') + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
    return text;
  }

  function cursorNumber(c) {
    var n = Number(c);
    return isFinite(n) && n >= 0 ? n : 0;
  }

  // ---------------------------------------------------------------- safe rich text
  // Bot text may carry **bold**, newlines and "- " list items; URLs and bare domains become links.
  var LINK_RE =
    /\bhttps?:\/\/[^\s<>"'`]+|\b(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:go\.id|ac\.id|co\.id|or\.id|web\.id|sch\.id|desa\.id|id|com|org|net|info)\b(?::\d{2,5})?(?:\/[^\s<>"'`]*)?/gi;

  function safeHref(candidate) {
    var href = /^https?:\/\//i.test(candidate) ? candidate : 'https://' + candidate;
    try {
      var u = new URL(href);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return u.href;
    } catch (e) {
      /* not a URL: stays text */
    }
    return null;
  }

  function appendLinkified(parent, text) {
    var last = 0;
    var match;
    LINK_RE.lastIndex = 0;
    while ((match = LINK_RE.exec(text)) !== null) {
      var start = match.index;
      var found = match[0];
      // part of an e-mail address or a longer token (user@pemkab.go.id, a/b.go.id): leave as text
      if (start > 0 && /[@\w.\-/]/.test(text.charAt(start - 1))) continue;
      // trailing punctuation belongs to the sentence, not the link
      var trimmed = found.replace(/[.,;:!?'"]+$/, '');
      if (/\)$/.test(trimmed) && trimmed.indexOf('(') === -1) trimmed = trimmed.replace(/\)+$/, '');
      var href = safeHref(trimmed);
      if (!href) continue;
      if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
      var a = el('a', 'link', trimmed);
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.appendChild(a);
      last = start + trimmed.length;
      LINK_RE.lastIndex = last;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function appendInline(parent, line) {
    var re = /\*\*(?=\S)(.+?)\*\*/g;
    var last = 0;
    var m;
    while ((m = re.exec(line)) !== null) {
      if (m.index > last) appendLinkified(parent, line.slice(last, m.index));
      var strong = el('strong');
      // a ticket number ("HD-261123-0001", "lacak HD-...") is not broken at its hyphens
      if (m[1].length <= 30 && /HD-\d{6}-\d{4,}/.test(m[1])) strong.className = 'nowrap';
      appendLinkified(strong, m[1]);
      parent.appendChild(strong);
      last = m.index + m[0].length;
    }
    if (last < line.length) appendLinkified(parent, line.slice(last));
  }

  /** Renders message text as <p>/<ul> blocks; every piece of text goes in through text nodes. */
  function renderRich(parent, text, plain) {
    var lines = String(text).replace(/\r\n?/g, '\n').split('\n');
    var p = null;
    var ul = null;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var item = plain ? null : /^\s*[-\u2022]\s+(.*)$/.exec(line);
      if (item) {
        p = null;
        if (!ul) {
          ul = el('ul');
          parent.appendChild(ul);
        }
        var li = el('li');
        appendInline(li, item[1]);
        ul.appendChild(li);
        continue;
      }
      ul = null;
      if (!line.trim()) {
        p = null;
        continue;
      }
      if (!p) {
        p = el('p');
        parent.appendChild(p);
      } else {
        p.appendChild(el('br'));
      }
      if (plain) appendLinkified(p, line);
      else appendInline(p, line);
    }
  }

  // ---------------------------------------------------------------- storage
  var memoryStore = null;
  function loadStored() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORAGE_KEY);
    } catch (e) {
      raw = memoryStore;
    }
    if (!raw) return null;
    try {
      var v = JSON.parse(raw);
      if (v && typeof v.sessionId === 'string' && typeof v.token === 'string') {
        return { sessionId: v.sessionId, token: v.token, labels: v.labels && typeof v.labels === 'object' ? v.labels : {} };
      }
    } catch (e) {
      /* corrupt: start again */
    }
    return null;
  }
  function saveStored() {
    var value = null;
    if (state.session) {
      // remember the labels of quick replies (the transcript holds their values) - the last 100
      var keys = Object.keys(state.labels);
      var labels = {};
      keys.slice(-100).forEach(function (k) {
        labels[k] = state.labels[k];
      });
      value = JSON.stringify({ sessionId: state.session.sessionId, token: state.session.token, labels: labels });
    }
    try {
      if (value) window.localStorage.setItem(STORAGE_KEY, value);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      memoryStore = value;
    }
  }

  // ---------------------------------------------------------------- state
  var state = {
    // Whether the reader is at the end of the conversation (measured before new content arrives,
    // so a long reply does not count as "scrolled up").
    atBottom: true,
    session: null, // {sessionId, token}
    sessionPromise: null,
    renewing: null,
    cursor: '0',
    known: {}, // message id -> node
    labels: {}, // user message id -> label of the quick reply that produced it
    outbox: [], // messages typed here and not yet confirmed by the server
    pumping: false,
    started: false,
    open: false,
    conn: 'idle', // idle | connecting | online | reconnecting
    error: '',
    sending: 0,
    es: null,
    streamErrors: 0,
    pollTimer: null,
    streamRetryTimer: null,
    catchUpRun: null,
    catchUpAgain: false,
    typingTimer: null,
    unread: 0,
    activeOptions: null,
    starters: null,
    serverMessages: 0,
    // 'human' once the server says an officer holds or is awaited in the chat: no bot typing then
    handledBy: 'bot',
    confirm: null,
  };

  // ---------------------------------------------------------------- HTTP
  function NetworkError(message) {
    this.name = 'NetworkError';
    this.message = message;
  }

  function request(method, path, body, session) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (session) headers.Authorization = 'Bearer ' + session.token;
    return fetch(API + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      mode: 'cors',
    }).then(
      function (res) {
        return res.text().then(
          function (txt) {
            var json = null;
            try {
              json = txt ? JSON.parse(txt) : null;
            } catch (e) {
              json = null;
            }
            return { status: res.status, data: json, retryAfter: Number(res.headers.get('Retry-After')) || 0 };
          },
          function () {
            throw new NetworkError('body');
          },
        );
      },
      function () {
        throw new NetworkError('fetch');
      },
    );
  }

  function errorText(status, body) {
    if (body && typeof body.error === 'string' && body.error.trim()) return body.error.trim().slice(0, 300);
    if (status === 429) return 'Terlalu banyak pesan. Mohon tunggu sebentar sebelum mengirim lagi.';
    if (status === 413) return 'Pesan terlalu besar. Silakan persingkat pesan Anda.';
    if (status === 400) return 'Pesan tidak dapat diterima. Periksa kembali isi pesan Anda.';
    if (status >= 500) return 'Layanan helpdesk sedang mengalami gangguan. Silakan coba lagi beberapa saat lagi.';
    return 'Terjadi kesalahan (kode ' + status + '). Silakan coba lagi.';
  }

  function sessionPath(session, suffix) {
    return '/api/v1/webchat/sessions/' + encodeURIComponent(session.sessionId) + suffix;
  }

  // ---------------------------------------------------------------- session
  function createSession() {
    if (state.session) return Promise.resolve(state.session);
    if (state.sessionPromise) return state.sessionPromise;
    var run = (function () {
      var attempt = 0;
      function tryOnce() {
        return request('POST', '/api/v1/webchat/sessions', {}).then(
          function (r) {
            if (r.status === 201 || r.status === 200) {
              if (!r.data || typeof r.data.sessionId !== 'string' || typeof r.data.token !== 'string') {
                throw new Error(TEXT.sessionFailed);
              }
              state.session = { sessionId: r.data.sessionId, token: r.data.token };
              state.cursor = '0';
              saveStored();
              return state.session;
            }
            if (r.status >= 500 && attempt < 2) {
              attempt++;
              return sleep(1000 * attempt).then(tryOnce);
            }
            throw new Error(errorText(r.status, r.data));
          },
          function (err) {
            if (attempt < 2) {
              attempt++;
              return sleep(1000 * attempt).then(tryOnce);
            }
            throw err instanceof NetworkError ? new Error(TEXT.sessionFailed) : err;
          },
        );
      }
      return tryOnce();
    })();
    state.sessionPromise = run;
    var clear = function () {
      state.sessionPromise = null;
    };
    run.then(clear, clear);
    return run;
  }

  /** The stored session is gone (401/404, or expired: `reply` says so): forget it and start a new one. */
  function renewSession(expired, reply) {
    if (state.renewing) return state.renewing;
    if (state.session !== expired && state.session) return Promise.resolve(state.session);
    closeStream();
    stopPolling();
    state.session = null;
    state.cursor = '0';
    state.labels = {};
    saveStored();
    addNote(reply && reply.data && reply.data.code === 'session_expired' ? TEXT.sessionExpired : TEXT.newSession);
    var run = createSession().then(function (s) {
      connectStream();
      return s;
    });
    state.renewing = run;
    var clear = function () {
      state.renewing = null;
    };
    run.then(clear, clear);
    return run;
  }

  // ---------------------------------------------------------------- receiving
  function catchUp() {
    if (state.catchUpRun) {
      state.catchUpAgain = true;
      return state.catchUpRun;
    }
    var run = (function loop() {
      state.catchUpAgain = false;
      var session = state.session;
      if (!session) return Promise.resolve();
      var after = cursorNumber(state.cursor);
      return request('GET', sessionPath(session, '/messages' + (after > 0 ? '?after=' + after : '')), undefined, session).then(function (r) {
        if (session !== state.session) return loop();
        if (r.status === 401 || r.status === 404) return renewSession(session, r).then(loop);
        if (r.status !== 200 || !r.data || !Array.isArray(r.data.messages)) {
          throw new Error(errorText(r.status, r.data));
        }
        for (var i = 0; i < r.data.messages.length; i++) ingest(r.data.messages[i]);
        if (cursorNumber(r.data.cursor) > cursorNumber(state.cursor)) state.cursor = String(r.data.cursor);
        if (state.catchUpAgain) return loop();
      });
    })();
    state.catchUpRun = run;
    var clear = function () {
      state.catchUpRun = null;
    };
    run.then(clear, clear);
    return run;
  }

  function onStreamMessage(m) {
    if (!m || typeof m.id !== 'string') return;
    var c = cursorNumber(m.cursor);
    var current = cursorNumber(state.cursor);
    if (state.known[m.id]) {
      if (c === current + 1) state.cursor = String(c);
      return;
    }
    if (c === current + 1 || !m.cursor) {
      ingest(m);
      if (c > current) state.cursor = String(c);
    } else if (c <= current) {
      ingest(m);
    } else {
      // a gap: something was missed; the history fills it in, in order
      catchUp().catch(function () {
        /* the stream's next open catches up again */
      });
    }
  }

  function closeStream() {
    if (state.es) {
      state.es.close();
      state.es = null;
    }
  }

  function stopPolling() {
    if (state.pollTimer) clearInterval(state.pollTimer);
    state.pollTimer = null;
  }

  function startPolling() {
    if (state.pollTimer) return;
    state.pollTimer = setInterval(function () {
      catchUp().then(
        function () {
          setConn('online');
        },
        function () {
          setConn('reconnecting');
        },
      );
    }, POLL_MS);
  }

  function scheduleStreamRetry() {
    if (state.streamRetryTimer || typeof window.EventSource === 'undefined') return;
    state.streamRetryTimer = setTimeout(function () {
      state.streamRetryTimer = null;
      if (state.session && !state.es) connectStream();
    }, STREAM_RETRY_MS);
  }

  function connectStream() {
    var session = state.session;
    if (!session) return;
    closeStream();
    if (typeof window.EventSource === 'undefined') {
      startPolling();
      catchUp().then(
        function () {
          setConn('online');
        },
        function () {
          setConn('reconnecting');
        },
      );
      return;
    }
    if (state.conn !== 'online') setConn(state.conn === 'idle' ? 'connecting' : state.conn);
    var es;
    try {
      // the server replays what came after our cursor before live messages (and after the
      // last event id when the browser reconnects by itself)
      var after = cursorNumber(state.cursor);
      es = new window.EventSource(API + sessionPath(session, '/stream?token=' + encodeURIComponent(session.token) + (after > 0 ? '&after=' + after : '')));
    } catch (e) {
      startPolling();
      return;
    }
    state.es = es;
    es.addEventListener('open', function () {
      if (state.es !== es) return;
      state.streamErrors = 0;
      stopPolling();
      // messages sent while the stream was away come from the history, in order
      catchUp().then(
        function () {
          if (state.es === es) setConn('online');
        },
        function () {
          setConn('reconnecting');
        },
      );
    });
    es.addEventListener('message', function (ev) {
      if (state.es !== es) return;
      var m = null;
      try {
        m = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      onStreamMessage(m);
    });
    es.addEventListener('error', function () {
      if (state.es !== es) return;
      state.streamErrors++;
      setConn('reconnecting');
      if (es.readyState === 2 || state.streamErrors >= STREAM_ERRORS_BEFORE_POLLING) {
        // The browser gave up (an HTTP error such as 401/404) or the stream keeps failing:
        // check the session through the history (renews it on 401/404), then poll meanwhile.
        closeStream();
        catchUp().then(
          function () {
            if (state.session === session) {
              startPolling();
              setConn('online');
              scheduleStreamRetry();
            }
          },
          function () {
            startPolling();
            scheduleStreamRetry();
          },
        );
      }
    });
  }

  // ---------------------------------------------------------------- sending
  function submit(text, label) {
    var clean = String(text).replace(/\r\n?/g, '\n').trim();
    if (!clean) {
      setError(TEXT.empty);
      return false;
    }
    if (clean.length > MAX_CHARS) {
      setError(TEXT.tooLong);
      return false;
    }
    setError('');
    removeOptions();
    var item = { cid: randomId(), text: clean, label: label || null, serverId: null, adopted: false, state: 'queued', node: null };
    item.node = renderMessage({ from: 'user', text: item.label || item.text, at: new Date().toISOString() }, { pending: true });
    item.node.setAttribute('data-client-id', item.cid);
    setItemState(item, 'sending');
    state.outbox.push(item);
    scrollToBottom(true);
    pump();
    return true;
  }

  /** A file picked with the paperclip: checked here for a clear error, sent with the typed text as caption. */
  function submitFile(file) {
    if (!file) return false;
    var typeOk = FILE_TYPES.indexOf(String(file.type).toLowerCase()) >= 0 || (!file.type && FILE_EXTENSIONS.test(file.name || ''));
    if (!typeOk) {
      setError(TEXT.fileType);
      return false;
    }
    if (file.size > FILE_MAX_BYTES) {
      setError(TEXT.fileTooLarge);
      return false;
    }
    if (file.size === 0) {
      setError(TEXT.fileEmpty);
      return false;
    }
    var caption = String(ui.input.value || '').replace(/\r\n?/g, '\n').trim();
    if (caption.length > MAX_CHARS) {
      setError(TEXT.tooLong);
      return false;
    }
    setError('');
    removeOptions();
    var item = { cid: randomId(), text: caption, file: file, label: null, serverId: null, adopted: false, state: 'queued', node: null };
    item.node = renderMessage(
      { from: 'user', text: caption, attachments: [{ name: file.name || 'berkas', size: file.size }], at: new Date().toISOString() },
      { pending: true },
    );
    item.node.setAttribute('data-client-id', item.cid);
    var bar = el('div', 'upload');
    var progress = el('progress');
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute('aria-label', TEXT.uploading + ' ' + (file.name || 'berkas'));
    bar.appendChild(progress);
    bar.appendChild(el('span', 'pct', '0%'));
    item.node.insertBefore(bar, item.node.querySelector('.meta'));
    item.progress = bar;
    setItemState(item, 'sending');
    state.outbox.push(item);
    ui.input.value = '';
    refreshCounter();
    autoGrow();
    scrollToBottom(true);
    pump();
    return true;
  }

  function setProgress(item, fraction) {
    if (!item.progress) return;
    var pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    item.progress.querySelector('progress').value = pct;
    item.progress.querySelector('.pct').textContent = pct + '%';
  }

  function dropProgress(item) {
    if (item.progress && item.progress.parentNode) item.progress.parentNode.removeChild(item.progress);
    item.progress = null;
  }

  /** POST of a file with upload progress (fetch cannot report it); the same answer shape as request(). */
  function uploadRequest(session, item) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', API + sessionPath(session, '/attachments'));
      xhr.setRequestHeader('Authorization', 'Bearer ' + session.token);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable && e.total > 0) setProgress(item, e.loaded / e.total);
      };
      xhr.onload = function () {
        var json = null;
        try {
          json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch (e) {
          json = null;
        }
        resolve({ status: xhr.status, data: json, retryAfter: Number(xhr.getResponseHeader('Retry-After')) || 0 });
      };
      xhr.onerror = xhr.onabort = xhr.ontimeout = function () {
        reject(new NetworkError('upload'));
      };
      var form = new FormData();
      form.append('clientMessageId', item.cid);
      if (item.text) form.append('text', item.text);
      form.append('file', item.file, item.file.name || 'berkas');
      setProgress(item, 0);
      xhr.send(form);
    });
  }

  function pump() {
    if (state.pumping) return;
    var next = null;
    for (var i = 0; i < state.outbox.length; i++) {
      if (state.outbox[i].state === 'queued') {
        next = state.outbox[i];
        break;
      }
    }
    if (!next) return;
    state.pumping = true;
    next.state = 'sending';
    state.sending++;
    refreshStatus();
    deliver(next).then(
      function () {
        state.sending--;
        state.pumping = false;
        refreshStatus();
        pump();
      },
      function () {
        state.sending--;
        state.pumping = false;
        refreshStatus();
        pump();
      },
    );
  }

  function deliver(item) {
    var attempt = 0;
    var renewed = false;
    // No bot typing while an officer holds or is awaited in the chat.
    if (state.handledBy !== 'human') showTyping();
    function tryOnce() {
      return createSession().then(
        function (session) {
          if (!state.es && !state.pollTimer) connectStream();
          var sent = item.file ? uploadRequest(session, item) : request('POST', sessionPath(session, '/messages'), { text: item.text, clientMessageId: item.cid }, session);
          return sent.then(
            function (r) {
              if (r.status === 202 || r.status === 200 || r.status === 201) {
                if (r.data && (r.data.handledBy === 'human' || r.data.handledBy === 'bot')) {
                  state.handledBy = r.data.handledBy;
                  if (state.handledBy === 'human') hideTyping();
                }
                dropProgress(item);
                onDelivered(item, r.data && typeof r.data.id === 'string' ? r.data.id : null);
                return;
              }
              if (item.file && (r.status === 413 || r.status === 415 || r.status === 400)) {
                // the file itself was refused: sending it again would not help
                item.final = true;
                dropProgress(item);
                onFailed(item, errorText(r.status, r.data));
                return;
              }
              if ((r.status === 401 || r.status === 404) && !renewed) {
                renewed = true;
                return renewSession(session, r).then(tryOnce);
              }
              if ((r.status === 503 || r.status === 502 || r.status === 504) && attempt < SEND_RETRIES) {
                var wait = r.retryAfter ? Math.min(r.retryAfter * 1000, 15000) : 500 * Math.pow(2, attempt);
                attempt++;
                return sleep(wait).then(tryOnce);
              }
              onFailed(item, errorText(r.status, r.data));
            },
            function (err) {
              if (!(err instanceof NetworkError)) throw err;
              if (attempt < SEND_RETRIES) {
                // same clientMessageId: the server stores and answers it once even if it arrived
                setConn('reconnecting', TEXT.resending);
                var wait = 500 * Math.pow(2, attempt);
                attempt++;
                return sleep(wait).then(tryOnce);
              }
              onFailed(item, item.file ? TEXT.fileFailed : TEXT.unsentNetwork);
            },
          );
        },
        function (err) {
          onFailed(item, (err && err.message) || TEXT.sessionFailed);
        },
      );
    }
    return tryOnce().catch(function () {
      onFailed(item, TEXT.unsentNetwork);
    });
  }

  function onDelivered(item, serverId) {
    setError('');
    if (state.conn === 'reconnecting' && state.es && state.es.readyState === 1) setConn('online');
    if (state.conn === 'reconnecting' && !state.es) {
      catchUp().then(
        function () {
          setConn('online');
        },
        function () {
          /* still offline */
        },
      );
    }
    if (serverId && item.label) {
      state.labels[serverId] = item.label;
      saveStored();
    }
    if (item.adopted) {
      removeFromOutbox(item);
      return;
    }
    item.serverId = serverId;
    if (serverId && state.known[serverId] && state.known[serverId] !== item.node) {
      // the echo was rendered on its own before the answer came: drop the optimistic copy
      if (item.node.parentNode) item.node.parentNode.removeChild(item.node);
      removeFromOutbox(item);
      return;
    }
    item.state = 'sent';
    setItemState(item, 'sent');
    if (!state.es || state.es.readyState !== 1) {
      catchUp().catch(function () {
        /* polling or the stream's reconnect catches up */
      });
    }
  }

  function onFailed(item, message) {
    item.state = 'failed';
    setItemState(item, 'failed');
    setError(message);
    hideTyping();
  }

  function removeFromOutbox(item) {
    var i = state.outbox.indexOf(item);
    if (i >= 0) state.outbox.splice(i, 1);
  }

  /** A user message from the server that this page typed: bind the optimistic node to it. */
  function matchOutbox(m) {
    var i;
    for (i = 0; i < state.outbox.length; i++) if (state.outbox[i].serverId === m.id) return state.outbox[i];
    var text = String(m.text).trim();
    for (i = 0; i < state.outbox.length; i++) {
      var it = state.outbox[i];
      if (!it.serverId && !it.adopted && (it.state === 'sending' || it.state === 'failed') && it.text === text) return it;
    }
    return null;
  }

  // ---------------------------------------------------------------- rendering
  var ui = {};

  function firstPendingNode() {
    for (var i = 0; i < state.outbox.length; i++) {
      var node = state.outbox[i].node;
      if (node && node.parentNode === ui.log && !state.outbox[i].adopted) return node;
    }
    return null;
  }

  function renderMessage(m, opts) {
    var from = m.from === 'user' ? 'user' : m.from === 'agent' ? 'agent' : 'bot';
    var node = el('div', 'msg msg-' + from);
    if (m.id) node.setAttribute('data-id', m.id);
    node.appendChild(el('span', 'sr-only', (from === 'user' ? TEXT.you : from === 'agent' ? TEXT.agent : TEXT.bot) + ':'));
    if (from === 'agent') node.appendChild(el('span', 'who', TEXT.agent));
    var bubble = el('div', 'bubble');
    renderRich(bubble, m.text || '', from === 'user');
    if (Array.isArray(m.attachments) && m.attachments.length) {
      var files = el('ul', 'files');
      files.setAttribute('aria-label', 'Lampiran');
      m.attachments.slice(0, 10).forEach(function (f) {
        if (!f || typeof f.name !== 'string') return;
        files.appendChild(el('li', 'file', '\uD83D\uDCCE ' + f.name + (typeof f.size === 'number' ? ' \u00B7 ' + formatSize(f.size) : '')));
      });
      bubble.appendChild(files);
    }
    node.appendChild(bubble);
    var meta = el('div', 'meta');
    meta.appendChild(el('span', 'time', formatTime(m.at)));
    var stateLabel = el('span', 'state');
    meta.appendChild(stateLabel);
    node.appendChild(meta);
    if (opts && opts.pending) {
      node.classList.add('pending');
      ui.log.appendChild(node);
    } else {
      ui.log.insertBefore(node, firstPendingNode());
    }
    if (opts && opts.options && opts.options.length) renderOptions(node, opts.options);
    return node;
  }

  function setItemState(item, s) {
    var node = item.node;
    if (!node) return;
    node.classList.remove('is-sending', 'is-sent', 'is-failed');
    node.classList.add('is-' + s);
    var label = node.querySelector('.state');
    var oldRetry = node.querySelector('.retry');
    if (oldRetry) oldRetry.parentNode.removeChild(oldRetry);
    if (label) label.textContent = s === 'sending' ? TEXT.stateSending : s === 'sent' ? TEXT.stateSent : TEXT.stateFailed;
    if (s === 'failed' && !item.final) {
      var retry = el('button', 'retry', TEXT.retry);
      retry.type = 'button';
      retry.setAttribute('aria-label', TEXT.retryLabel);
      retry.addEventListener('click', function () {
        item.state = 'queued';
        setItemState(item, 'sending');
        setError('');
        pump();
      });
      node.querySelector('.meta').appendChild(retry);
    }
  }

  function adopt(item, m) {
    var wasFailed = item.state === 'failed';
    item.adopted = true;
    state.known[m.id] = item.node;
    var retry = item.node.querySelector('.retry');
    if (retry) retry.parentNode.removeChild(retry);
    if (wasFailed) setError('');
    item.node.setAttribute('data-id', m.id);
    item.node.classList.remove('pending', 'is-sending', 'is-failed');
    item.node.classList.add('is-sent');
    var label = item.node.querySelector('.state');
    if (label) label.textContent = TEXT.stateSent;
    var t = item.node.querySelector('.time');
    if (t && m.at) t.textContent = formatTime(m.at);
    if (item.label) {
      state.labels[m.id] = item.label;
      saveStored();
    }
    // confirmed messages sit above those still on their way
    var anchor = firstPendingNode();
    if (anchor !== item.node) ui.log.insertBefore(item.node, anchor);
    if (item.serverId || item.state !== 'sending') removeFromOutbox(item);
  }

  function ingest(m) {
    if (!m || typeof m.id !== 'string' || state.known[m.id]) return;
    if (typeof m.text !== 'string') m.text = '';
    state.serverMessages++;
    removeStarters();
    if (m.from === 'user') {
      var item = matchOutbox(m);
      if (item) {
        adopt(item, m);
        return;
      }
      removeOptions();
      var shown = state.labels[m.id] ? { from: 'user', text: state.labels[m.id], at: m.at, id: m.id } : m;
      var node = renderMessage(shown);
      node.classList.add('is-sent');
      state.known[m.id] = node;
      scrollToBottom(false);
      return;
    }
    removeOptions();
    hideTyping();
    var options = Array.isArray(m.options)
      ? m.options.filter(function (o) {
          return o && typeof o.label === 'string' && typeof o.value === 'string';
        })
      : [];
    state.known[m.id] = renderMessage(m, { options: options });
    if (!state.open) {
      state.unread++;
      refreshLauncher();
    }
    scrollToBottom(false);
  }

  function renderOptions(node, options) {
    var group = el('div', 'options');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', TEXT.options);
    options.slice(0, 12).forEach(function (o) {
      var b = el('button', 'option', o.label);
      b.type = 'button';
      b.setAttribute('aria-label', o.label);
      b.addEventListener('click', function () {
        submit(o.value, o.label);
        ui.input.focus();
      });
      group.appendChild(b);
    });
    node.appendChild(group);
    state.activeOptions = group;
  }

  function removeOptions() {
    if (state.activeOptions && state.activeOptions.parentNode) {
      var hadFocus = state.activeOptions.contains(ui.root.activeElement);
      state.activeOptions.parentNode.removeChild(state.activeOptions);
      if (hadFocus) ui.input.focus();
    }
    state.activeOptions = null;
  }

  function renderGreeting() {
    var node = el('div', 'msg msg-bot msg-local');
    node.appendChild(el('span', 'sr-only', TEXT.bot + ':'));
    var bubble = el('div', 'bubble');
    renderRich(bubble, GREETING, false);
    node.appendChild(bubble);
    ui.log.appendChild(node);
    if (STARTERS.length) {
      var group = el('div', 'options starters');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', TEXT.options);
      STARTERS.forEach(function (o) {
        var b = el('button', 'option', o.label);
        b.type = 'button';
        b.setAttribute('aria-label', o.label);
        b.addEventListener('click', function () {
          submit(o.value, o.label);
          ui.input.focus();
        });
        group.appendChild(b);
      });
      node.appendChild(group);
      state.starters = group;
    }
  }

  function removeStarters() {
    if (state.starters && state.starters.parentNode) {
      var hadFocus = state.starters.contains(ui.root.activeElement);
      state.starters.parentNode.removeChild(state.starters);
      if (hadFocus) ui.input.focus();
    }
    state.starters = null;
  }

  function addNote(text) {
    var note = el('div', 'note', text);
    ui.log.insertBefore(note, firstPendingNode());
  }

  function showTyping() {
    ui.typing.hidden = false;
    if (state.typingTimer) clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
    scrollToBottom(false);
  }

  function hideTyping() {
    ui.typing.hidden = true;
    if (state.typingTimer) clearTimeout(state.typingTimer);
    state.typingTimer = null;
  }

  function scrollToBottom(force) {
    var s = ui.scroller;
    if (!s) return;
    if (force || state.atBottom || !state.open) {
      // after layout, so new content is measured
      window.requestAnimationFrame(function () {
        s.scrollTop = s.scrollHeight;
      });
    }
  }

  // ---------------------------------------------------------------- status line
  function setConn(conn, text) {
    state.conn = conn;
    state.connText = text || '';
    refreshStatus();
  }

  function setError(message) {
    state.error = message || '';
    refreshStatus();
  }

  function refreshStatus() {
    if (!ui.status) return;
    var text;
    var kind;
    if (state.error) {
      text = state.error;
      kind = 'error';
    } else if (state.conn === 'reconnecting') {
      text = state.connText || TEXT.reconnecting;
      kind = 'warn';
    } else if (state.sending > 0) {
      text = TEXT.sending;
      kind = 'busy';
    } else if (state.conn === 'connecting') {
      text = TEXT.connecting;
      kind = 'busy';
    } else if (state.conn === 'online') {
      text = TEXT.online;
      kind = 'ok';
    } else {
      text = '';
      kind = '';
    }
    if (ui.statusText.textContent !== text) ui.statusText.textContent = text;
    ui.status.className = 'status' + (kind ? ' status-' + kind : ' status-empty');
  }

  function refreshLauncher() {
    var label = state.open ? TEXT.launcherClose : TEXT.launcherOpen;
    if (!state.open && state.unread > 0) label += ', ' + state.unread + ' pesan baru';
    ui.launcher.setAttribute('aria-label', label);
    ui.launcher.setAttribute('aria-expanded', state.open ? 'true' : 'false');
    ui.badge.textContent = state.unread > 9 ? '9+' : String(state.unread);
    ui.badge.hidden = state.open || state.unread === 0;
  }

  function refreshCounter() {
    var n = ui.input.value.length;
    if (n >= COUNTER_FROM) {
      ui.counter.hidden = false;
      ui.counter.textContent = n + '/' + MAX_CHARS;
      ui.counter.className = 'counter' + (n >= MAX_CHARS ? ' counter-full' : '');
    } else {
      ui.counter.hidden = true;
      ui.counter.textContent = '';
    }
  }

  function autoGrow() {
    var t = ui.input;
    t.style.height = 'auto';
    t.style.height = Math.min(t.scrollHeight + 2, 132) + 'px';
  }

  // ---------------------------------------------------------------- open / close
  function start() {
    if (state.started) return;
    state.started = true;
    var stored = loadStored();
    setConn('connecting');
    if (stored) {
      state.session = { sessionId: stored.sessionId, token: stored.token };
      state.labels = stored.labels;
    }
    var ready = state.session ? Promise.resolve(state.session) : createSession();
    ready
      .then(function () {
        return catchUp();
      })
      .then(
        function () {
          connectStream();
        },
        function (err) {
          state.started = false;
          setConn('idle');
          setError((err && err.message) || TEXT.sessionFailed);
        },
      );
  }

  function open(options) {
    var focus = !options || options.focus !== false;
    state.open = true;
    ui.panel.hidden = false;
    ui.wrap.classList.add('is-open');
    state.unread = 0;
    refreshLauncher();
    start();
    scrollToBottom(true);
    if (focus) ui.input.focus();
  }

  function close() {
    if (!state.open) return;
    state.open = false;
    ui.panel.hidden = true;
    ui.wrap.classList.remove('is-open');
    refreshLauncher();
    ui.launcher.focus();
  }

  /** The restart button asks first: a new conversation hides this one on this device. */
  function askRestart() {
    if (state.confirm) {
      state.confirm.querySelector('.confirm-no').focus();
      return;
    }
    var box = el('div', 'confirm');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-label', TEXT.restart);
    var question = el('p', 'confirm-text', TEXT.confirmRestart);
    question.id = 'hd-confirm-text';
    box.setAttribute('aria-describedby', question.id);
    var yes = el('button', 'confirm-yes', TEXT.confirmYes);
    yes.type = 'button';
    var no = el('button', 'confirm-no', TEXT.confirmNo);
    no.type = 'button';
    yes.addEventListener('click', function () {
      closeConfirm(false);
      restart();
    });
    no.addEventListener('click', function () {
      closeConfirm(true);
    });
    var buttons = el('div', 'confirm-actions');
    buttons.appendChild(no);
    buttons.appendChild(yes);
    box.appendChild(question);
    box.appendChild(buttons);
    ui.panel.insertBefore(box, ui.scroller);
    state.confirm = box;
    no.focus();
  }

  function closeConfirm(refocus) {
    if (state.confirm && state.confirm.parentNode) state.confirm.parentNode.removeChild(state.confirm);
    state.confirm = null;
    if (refocus && ui.restartBtn) ui.restartBtn.focus();
  }

  function restart() {
    closeStream();
    stopPolling();
    state.session = null;
    state.cursor = '0';
    state.labels = {};
    state.known = {};
    state.outbox = [];
    state.serverMessages = 0;
    state.activeOptions = null;
    state.handledBy = 'bot';
    saveStored();
    hideTyping();
    while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
    renderGreeting();
    setError('');
    state.started = false;
    start();
    ui.input.focus();
  }

  // ---------------------------------------------------------------- styles
  var CSS = [
    ':host{all:initial;}',
    '*,*::before,*::after{box-sizing:border-box;}',
    '.wrap{--blue:#0b4f8a;--blue-dark:#083a66;--blue-soft:#e8f0f8;--green:#17784a;--green-soft:#e7f4ec;--ink:#17212b;--muted:#4f5b67;--line:#cfd8e2;--bg:#ffffff;--danger:#b42318;',
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--ink);-webkit-text-size-adjust:100%;}",
    '.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0;}',
    '[hidden]{display:none!important;}',
    'button{font:inherit;color:inherit;cursor:pointer;}',
    ':focus{outline:none;}',
    ':focus-visible{outline:3px solid #0b4f8a;outline-offset:2px;}',
    // launcher
    '.launcher{position:fixed;bottom:20px;' + POSITION + ':20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;background:var(--blue);color:#fff;display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(8,58,102,.35);transition:transform .15s ease,background .15s ease;}',
    '.launcher:hover{background:var(--blue-dark);transform:translateY(-1px);}',
    '.launcher svg{fill:currentColor;}',
    '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c2410c;color:#fff;font-size:13px;font-weight:700;line-height:22px;text-align:center;border:2px solid #fff;}',
    // panel
    '.panel{position:fixed;bottom:92px;' + POSITION + ':20px;z-index:2147483001;width:400px;max-width:calc(100vw - 40px);height:640px;max-height:calc(100vh - 112px);display:flex;flex-direction:column;background:var(--bg);border-radius:16px;overflow:hidden;box-shadow:0 18px 50px rgba(15,35,60,.28),0 2px 6px rgba(15,35,60,.12);border:1px solid rgba(15,35,60,.08);}',
    '.header{display:flex;align-items:center;gap:12px;padding:12px 8px 10px 16px;background:var(--blue);color:#fff;border-bottom:4px solid var(--green);flex:none;}',
    '.avatar{flex:none;width:38px;height:38px;border-radius:50%;background:#fff;color:var(--blue);display:flex;align-items:center;justify-content:center;font-weight:800;font-size:15px;letter-spacing:.5px;}',
    '.heading{flex:1;min-width:0;}',
    '.title{margin:0;font-size:17px;font-weight:700;line-height:1.25;overflow-wrap:anywhere;}',
    '.subtitle{margin:0;font-size:13.5px;line-height:1.35;color:#dbe7f3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}',
    '.actions{flex:none;display:flex;gap:2px;}',
    '.hbtn{flex:none;width:44px;height:44px;border-radius:10px;padding:0;border:0;background:transparent;color:#fff;display:flex;align-items:center;justify-content:center;}',
    '.hbtn:hover{background:rgba(255,255,255,.14);}',
    '.hbtn:focus-visible{outline:3px solid #ffd166;outline-offset:0;}',
    '.hbtn svg{fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round;}',
    // messages
    '.scroller{flex:1;min-height:0;overflow-y:auto;overflow-x:hidden;padding:16px 14px 8px;background:#f6f8fb;overscroll-behavior:contain;}',
    '.scroller:focus-visible{outline-offset:-3px;}',
    '.log{display:flex;flex-direction:column;gap:12px;}',
    '.msg{display:flex;flex-direction:column;width:100%;min-width:0;}',
    '.msg-user{align-self:flex-end;align-items:flex-end;}',
    '.msg-bot,.msg-agent{align-self:flex-start;align-items:flex-start;}',
    '.bubble{padding:10px 14px;border-radius:16px;overflow-wrap:anywhere;word-break:break-word;white-space:normal;max-width:86%;}',
    '.bubble p{margin:0;}',
    '.bubble p+p,.bubble p+ul,.bubble ul+p{margin-top:8px;}',
    '.bubble ul{margin:4px 0 0;padding-left:20px;}',
    '.bubble li{margin:2px 0;}',
    '.bubble strong{font-weight:700;}',
    '.bubble strong.nowrap{white-space:nowrap;}',
    '.msg-user .bubble{background:var(--blue);color:#fff;border-bottom-right-radius:4px;}',
    '.msg-bot .bubble{background:#fff;color:var(--ink);border:1px solid var(--line);border-bottom-left-radius:4px;}',
    '.msg-agent .bubble{background:var(--green-soft);color:var(--ink);border:1px solid #b7dcc6;border-bottom-left-radius:4px;}',
    '.who{font-size:13px;font-weight:700;color:var(--green);margin:0 0 2px 4px;}',
    '.link{color:#0a4a85;text-decoration:underline;text-underline-offset:2px;font-weight:600;}',
    '.msg-user .link{color:#fff;}',
    '.link:focus-visible{outline-offset:1px;border-radius:2px;}',
    '.meta{display:flex;align-items:center;gap:8px;margin:3px 4px 0;font-size:12.5px;color:var(--muted);}',
    '.msg-user .meta .state:empty{display:none;}',
    '.msg-bot .state,.msg-agent .state{display:none;}',
    '.msg.pending .bubble{opacity:.8;}',
    '.is-failed .bubble{background:#fff;color:var(--danger);border:1.5px solid var(--danger);}',
    '.is-failed .state{color:var(--danger);font-weight:600;}',
    '.retry{border:0;background:none;padding:6px 4px;min-height:32px;color:var(--blue);font-weight:700;text-decoration:underline;font-size:13.5px;}',
    '.note{align-self:center;font-size:13.5px;color:var(--muted);background:#eef2f6;border-radius:999px;padding:4px 12px;text-align:center;}',
    '.options{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px;}',
    '.option{min-height:44px;padding:8px 14px;border-radius:999px;border:1.5px solid var(--blue);background:#fff;color:var(--blue);font-size:15px;font-weight:600;line-height:1.3;text-align:left;max-width:100%;overflow-wrap:anywhere;transition:background .12s ease;}',
    '.option:hover{background:var(--blue-soft);}',
    '.typing{display:flex;align-items:center;gap:5px;align-self:flex-start;margin-top:12px;padding:12px 16px;background:#fff;border:1px solid var(--line);border-radius:16px;border-bottom-left-radius:4px;width:max-content;}',
    '.dot{width:8px;height:8px;border-radius:50%;background:#7b8794;animation:hdblink 1.2s infinite ease-in-out;}',
    '.dot:nth-child(2){animation-delay:.2s;}.dot:nth-child(3){animation-delay:.4s;}',
    '@keyframes hdblink{0%,80%,100%{opacity:.3;transform:translateY(0);}40%{opacity:1;transform:translateY(-3px);}}',
    // status and composer
    '.status{display:flex;align-items:center;gap:8px;min-height:30px;padding:4px 16px;font-size:13.5px;color:var(--muted);background:#fff;border-top:1px solid var(--line);flex:none;}',
    '.status-empty{visibility:hidden;}',
    '.status::before{content:"";flex:none;width:8px;height:8px;border-radius:50%;background:#9aa5b1;}',
    '.status-ok::before{background:#18864f;}',
    '.status-busy::before{background:#b7791f;}',
    '.status-warn{color:#8a4b00;}.status-warn::before{background:#d97706;}',
    '.status-error{color:var(--danger);font-weight:600;}.status-error::before{background:var(--danger);}',
    '.composer{display:flex;align-items:flex-end;gap:8px;padding:8px 12px 12px;background:#fff;flex:none;}',
    '.field{flex:1;min-width:0;position:relative;}',
    '.input{display:block;width:100%;min-height:48px;max-height:132px;resize:none;padding:11px 14px;border:1.5px solid #9fb0c2;border-radius:14px;background:#fff;color:var(--ink);font:inherit;font-size:16px;line-height:1.45;}',
    '.input::placeholder{color:#6b7785;}',
    '.input:focus-visible,.input:focus{outline:none;border-color:var(--blue);box-shadow:0 0 0 3px rgba(11,79,138,.28);}',
    '.counter{position:absolute;right:10px;top:-22px;font-size:12.5px;color:var(--muted);background:#fff;padding:0 4px;border-radius:4px;}',
    '.counter-full{color:var(--danger);font-weight:700;}',
    '.send{flex:none;width:48px;height:48px;border-radius:14px;border:0;background:var(--blue);color:#fff;display:flex;align-items:center;justify-content:center;}',
    '.send:hover{background:var(--blue-dark);}',
    '.send svg{fill:currentColor;}',
    '.attach{flex:none;width:48px;height:48px;border-radius:14px;border:1.5px solid #9fb0c2;background:#fff;color:var(--blue);display:flex;align-items:center;justify-content:center;}',
    '.attach:hover{background:var(--blue-soft);}',
    '.attach svg{fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;}',
    '.file-input{display:none;}',
    '.files{list-style:none;margin:6px 0 0;padding:0;}',
    '.bubble .files li{margin:2px 0;}',
    '.file{font-size:14px;overflow-wrap:anywhere;}',
    '.upload{display:flex;align-items:center;gap:8px;margin:4px 4px 0;font-size:13px;color:var(--muted);}',
    '.upload progress{width:140px;height:8px;accent-color:var(--blue);}',
    '.confirm{flex:none;padding:12px 16px;background:#fff8e6;border-bottom:1px solid #f0d9a8;color:var(--ink);font-size:14.5px;}',
    '.confirm p{margin:0 0 10px;}',
    '.confirm-actions{display:flex;gap:8px;justify-content:flex-end;flex-wrap:wrap;}',
    '.confirm button{min-height:40px;padding:6px 14px;border-radius:10px;font-weight:700;}',
    '.confirm-no{border:1.5px solid var(--blue);background:#fff;color:var(--blue);}',
    '.confirm-yes{border:0;background:var(--blue);color:#fff;}',
    '.footer{flex:none;padding:0 12px 8px;font-size:12px;color:var(--muted);text-align:center;background:#fff;}',
    // phones: the panel is the screen
    '@media (max-width:480px){',
    '.panel{top:0;left:0;right:0;bottom:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0;border:0;}',
    '.is-open .launcher{display:none;}',
    '.launcher{bottom:16px;' + POSITION + ':16px;}',
    '.bubble{max-width:92%;}',
    '.avatar{display:none;}',
    '}',
    '@media (prefers-reduced-motion:reduce){.dot{animation:none;opacity:.7;}.launcher,.option{transition:none;}}',
    '@media (forced-colors:active){.bubble,.option,.input,.send,.launcher{border:1px solid CanvasText;}}',
  ].join('\n');

  function applyStyles(root) {
    try {
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
        return;
      }
    } catch (e) {
      /* fall back to a style element */
    }
    root.appendChild(el('style', null, CSS));
  }

  // ---------------------------------------------------------------- build
  function build() {
    var host = document.createElement('helpdesk-spbe-widget');
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    host.style.setProperty('position', 'static', 'important');
    var root = host.attachShadow({ mode: 'open' });
    applyStyles(root);
    ui.host = host;
    ui.root = root;

    var wrap = el('div', 'wrap');
    ui.wrap = wrap;

    var launcher = el('button', 'launcher');
    launcher.type = 'button';
    launcher.setAttribute('aria-controls', 'hd-panel');
    launcher.appendChild(icon(ICON_CHAT, 28));
    var badge = el('span', 'badge');
    badge.setAttribute('aria-hidden', 'true');
    badge.hidden = true;
    launcher.appendChild(badge);
    ui.launcher = launcher;
    ui.badge = badge;

    var panel = el('div', 'panel');
    panel.id = 'hd-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', TEXT.dialog);
    panel.hidden = true;
    ui.panel = panel;

    var header = el('div', 'header');
    var avatar = el('div', 'avatar', 'HD');
    avatar.setAttribute('aria-hidden', 'true');
    var heading = el('div', 'heading');
    heading.appendChild(el('h2', 'title', TITLE));
    heading.appendChild(el('p', 'subtitle', SUBTITLE));
    var restartBtn = el('button', 'hbtn restart');
    restartBtn.type = 'button';
    restartBtn.setAttribute('aria-label', TEXT.restart);
    restartBtn.title = TEXT.restart;
    restartBtn.appendChild(icon(ICON_RESTART, 22));
    var closeBtn = el('button', 'hbtn close');
    closeBtn.type = 'button';
    closeBtn.setAttribute('aria-label', TEXT.close);
    closeBtn.title = TEXT.close;
    closeBtn.appendChild(icon(ICON_CLOSE, 22));
    var actions = el('div', 'actions');
    actions.appendChild(restartBtn);
    actions.appendChild(closeBtn);
    header.appendChild(avatar);
    header.appendChild(heading);
    header.appendChild(actions);

    var scroller = el('div', 'scroller');
    scroller.addEventListener('scroll', function () {
      state.atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
    });
    scroller.tabIndex = 0;
    scroller.setAttribute('aria-label', TEXT.log);
    var log = el('div', 'log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.setAttribute('aria-relevant', 'additions');
    log.setAttribute('aria-label', TEXT.log);
    var typing = el('div', 'typing');
    typing.setAttribute('role', 'status');
    typing.appendChild(el('span', 'sr-only', TEXT.typing));
    for (var i = 0; i < 3; i++) {
      var dot = el('span', 'dot');
      dot.setAttribute('aria-hidden', 'true');
      typing.appendChild(dot);
    }
    typing.hidden = true;
    scroller.appendChild(log);
    scroller.appendChild(typing);
    ui.scroller = scroller;
    ui.log = log;
    ui.typing = typing;

    var status = el('div', 'status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    var statusText = el('span', 'status-text');
    status.appendChild(statusText);
    ui.status = status;
    ui.statusText = statusText;

    var form = el('form', 'composer');
    form.setAttribute('novalidate', '');
    var field = el('div', 'field');
    var input = el('textarea', 'input');
    input.rows = 1;
    input.maxLength = MAX_CHARS;
    input.placeholder = TEXT.placeholder;
    input.setAttribute('aria-label', TEXT.input);
    input.setAttribute('aria-describedby', 'hd-counter');
    input.setAttribute('enterkeyhint', 'send');
    input.setAttribute('autocomplete', 'off');
    var counter = el('div', 'counter');
    counter.id = 'hd-counter';
    counter.hidden = true;
    field.appendChild(input);
    field.appendChild(counter);
    var send = el('button', 'send');
    send.type = 'submit';
    send.setAttribute('aria-label', TEXT.send);
    send.title = TEXT.send;
    send.appendChild(icon(ICON_SEND, 22));
    // The paperclip: a real button (Tab, Enter/Space) opening a hidden file input.
    var attach = el('button', 'attach');
    attach.type = 'button';
    attach.setAttribute('aria-label', TEXT.attach);
    attach.title = TEXT.attach;
    attach.appendChild(icon(ICON_CLIP, 22));
    var fileInput = el('input', 'file-input');
    fileInput.type = 'file';
    fileInput.accept = FILE_TYPES.join(',') + ',.jpg,.jpeg,.png,.webp,.pdf';
    fileInput.tabIndex = -1;
    fileInput.setAttribute('aria-hidden', 'true');
    form.appendChild(attach);
    form.appendChild(fileInput);
    form.appendChild(field);
    form.appendChild(send);
    ui.input = input;
    ui.counter = counter;
    ui.send = send;
    ui.attach = attach;
    ui.fileInput = fileInput;

    var footer = el('div', 'footer', 'Jangan kirim kata sandi melalui obrolan ini.');

    panel.appendChild(header);
    panel.appendChild(scroller);
    panel.appendChild(status);
    panel.appendChild(form);
    panel.appendChild(footer);
    wrap.appendChild(panel);
    wrap.appendChild(launcher);
    root.appendChild(wrap);

    // events
    launcher.addEventListener('click', function () {
      if (state.open) close();
      else open();
    });
    closeBtn.addEventListener('click', close);
    ui.restartBtn = restartBtn;
    restartBtn.addEventListener('click', askRestart);
    attach.addEventListener('click', function () {
      fileInput.value = '';
      fileInput.click();
    });
    fileInput.addEventListener('change', function () {
      var file = fileInput.files && fileInput.files[0];
      fileInput.value = '';
      submitFile(file);
      input.focus();
    });
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' || e.key === 'Esc') {
        e.preventDefault();
        e.stopPropagation();
        if (state.confirm) closeConfirm(true);
        else close();
      }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var value = input.value;
      if (submit(value)) {
        input.value = '';
        refreshCounter();
        autoGrow();
      }
      input.focus();
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        if (typeof form.requestSubmit === 'function') form.requestSubmit();
        else form.dispatchEvent(new Event('submit', { cancelable: true }));
      }
    });
    input.addEventListener('input', function () {
      if (state.error === TEXT.empty) setError('');
      refreshCounter();
      autoGrow();
    });
    window.addEventListener('online', function () {
      if (state.session && state.started) connectStream();
    });
    window.addEventListener('offline', function () {
      if (state.started) setConn('reconnecting');
    });

    document.body.appendChild(host);
    renderGreeting();
    refreshLauncher();
    refreshStatus();
    if (START_OPEN) open({ focus: false });
  }

  window.HelpdeskSPBE = {
    version: '1.0.0',
    open: function () {
      if (ui.panel) open();
    },
    close: function () {
      if (ui.panel) close();
    },
    toggle: function () {
      if (ui.panel) {
        if (state.open) close();
        else open();
      }
    },
  };

  if (document.body) build();
  else document.addEventListener('DOMContentLoaded', build);
})();
