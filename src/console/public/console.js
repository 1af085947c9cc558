/* Konsol petugas Helpdesk SPBE. Plain JS, no build step. User text only ever goes through
 * textContent (never innerHTML). Session: HttpOnly cookie set by /api/v1/auth/login; writes
 * carry X-Requested-With (CSRF guard). Live updates: Server-Sent Events /api/v1/console/stream. */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var state = {
    me: null, meta: null, view: 'inbox', items: [], openConv: null, openTicket: null,
    serverOffset: 0, unseen: 0, stream: null, canned: [], refreshTimer: null, seenWaiting: {},
  };
  var BASE_TITLE = document.title;
  var CHANNEL = { webchat: ['Web', 'chip-web'], telegram: ['Telegram', 'chip-tg'], whatsapp: ['WhatsApp', 'chip-wa'] };
  var STATE_LABEL = { waiting: 'Menunggu petugas', officer: 'Ditangani petugas', bot: 'Dilayani bot', closed: 'Ditutup' };
  var FAILED_DELIVERIES = '/api/v1/deliveries?status=failed&limit=200';
  var FROM_LABEL = { user: 'Pengguna', bot: 'Bot', agent: 'Petugas', system: 'Sistem' };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function announce(text) { var a = $('announcer'); a.textContent = ''; setTimeout(function () { a.textContent = text; }, 30); }
  function serverNow() { return Date.now() + state.serverOffset; }
  function syncClock(now) { if (typeof now === 'number') state.serverOffset = now - Date.now(); }
  function fmtTime(ms) {
    return new Date(ms).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
  }
  function fmtDuration(ms) {
    var m = Math.max(0, Math.floor(ms / 60000));
    if (m < 60) return m + ' mnt';
    var h = Math.floor(m / 60);
    if (h < 24) return h + ' jam ' + (m % 60) + ' mnt';
    return Math.floor(h / 24) + ' hari ' + (h % 24) + ' jam';
  }
  function fmtWorking(min) {
    var m = Math.abs(Math.round(min)); var h = Math.floor(m / 60); var r = m % 60;
    return (h ? h + ' jam ' : '') + r + ' mnt kerja';
  }
  function agencyLabel(id) {
    if (!id) return 'Antrean umum';
    var a = state.meta && state.meta.agencies.find(function (x) { return x.id === id; });
    return a ? a.shortName : id;
  }

  async function api(method, path, body) {
    var headers = { 'X-Requested-With': 'konsol' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var res = await fetch(path, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    var data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (res.status === 401 && path !== '/api/v1/auth/login') { showLogin('Sesi berakhir. Silakan masuk kembali.'); }
    if (!res.ok) { var err = new Error((data && data.error) || ('Permintaan gagal (' + res.status + ').')); err.status = res.status; throw err; }
    return data;
  }

  // ---------- login
  function showLogin(message) {
    stopStream();
    state.me = null;
    $('app-view').hidden = true; $('who').hidden = true; $('login-view').hidden = false;
    $('login-error').textContent = message || '';
    document.title = BASE_TITLE;
    setTimeout(function () { $('login-email').focus(); }, 0);
  }

  $('login-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var email = $('login-email').value.trim(); var password = $('login-password').value;
    if (!email || !password) { $('login-error').textContent = 'Isi e-mail dan kata sandi.'; return; }
    $('login-submit').disabled = true; $('login-error').textContent = '';
    try {
      await api('POST', '/api/v1/auth/login', { email: email, password: password });
      $('login-password').value = '';
      await start();
    } catch (e) { $('login-error').textContent = e.message; }
    finally { $('login-submit').disabled = false; }
  });

  $('logout').addEventListener('click', async function () {
    try { await api('POST', '/api/v1/auth/logout'); } catch (e) { /* ignore */ }
    showLogin('Anda telah keluar.');
  });

  async function start() {
    var me = await api('GET', '/api/v1/auth/me');
    state.me = me.officer;
    state.meta = await api('GET', '/api/v1/console/meta');
    syncClock(state.meta.now);
    $('who-name').textContent = state.me.name;
    $('who-role').textContent = state.me.roleLabel + ' · ' + agencyLabel(state.me.agency);
    $('who').hidden = false; $('login-view').hidden = true; $('app-view').hidden = false;
    $('tab-inbox').hidden = !state.me.permissions.chats; $('tab-mine').hidden = !state.me.permissions.chats;
    $('tab-deliveries').hidden = !state.me.permissions.deliveries;
    fillFilters();
    await loadCanned();
    setView(state.me.permissions.chats ? 'inbox' : 'tickets');
    openStream();
    refreshCounts();
    $('main').focus();
  }

  // ---------- views and lists
  function setView(view) {
    state.view = view;
    ['inbox', 'mine', 'tickets', 'deliveries'].forEach(function (v) {
      var tab = $('tab-' + v);
      if (v === view) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    });
    $('list-title').textContent = { inbox: 'Antrean petugas', mine: 'Percakapan yang saya tangani', tickets: 'Tiket', deliveries: 'Pesan yang gagal terkirim' }[view];
    $('ticket-filters').hidden = view !== 'tickets';
    if (view === 'inbox' || view === 'mine') { state.unseen = 0; updateTitle(); }
    if (state.openConv || state.openTicket) { state.openConv = null; state.openTicket = null; showDetail(null); openStream(); }
    loadList();
  }
  document.querySelectorAll('.tab').forEach(function (tab) { tab.addEventListener('click', function () { setView(tab.dataset.view); }); });
  $('refresh').addEventListener('click', function () { loadList(); refreshCounts(); });
  $('ticket-filters').addEventListener('submit', function (ev) { ev.preventDefault(); loadList(); });

  async function loadList() {
    var view = state.view;
    try {
      if (view === 'deliveries') {
        var dd = await api('GET', FAILED_DELIVERIES);
        if (state.view === view) renderDeliveries(dd.deliveries);
        setBadge('badge-failed', dd.deliveries.length);
      } else if (view === 'tickets') {
        var q = [];
        var s = $('f-status').value; if (s) q.push('status=' + encodeURIComponent(s)); else q.push('status=baru,ditugaskan,diproses,menunggu_pelapor');
        ['category', 'service', 'agency'].forEach(function (k) { var v = $('f-' + k).value; if (v) q.push(k + '=' + encodeURIComponent(v)); });
        if ($('f-overdue').checked) q.push('overdue=1');
        var data = await api('GET', '/api/v1/tickets?' + q.join('&'));
        syncClock(data.now);
        if (state.view === view) renderTickets(data.tickets);
      } else {
        var path = view === 'inbox' ? '/api/v1/conversations?state=waiting' : '/api/v1/conversations?state=officer&mine=1';
        var cd = await api('GET', path);
        syncClock(cd.now);
        if (state.view === view) renderConversations(cd.conversations);
        if (view === 'inbox') setBadge('badge-inbox', cd.conversations.length);
      }
    } catch (e) { if (e.status !== 401) showListError(e.message); }
  }
  function showListError(msg) { $('list-empty').hidden = false; $('list-empty').textContent = msg; }
  function setBadge(id, n) { $(id).textContent = String(n); }

  async function refreshCounts() {
    try {
      if (state.me.permissions.chats) {
        var w = await api('GET', '/api/v1/conversations?state=waiting'); setBadge('badge-inbox', w.conversations.length);
        var m = await api('GET', '/api/v1/conversations?state=officer&mine=1'); setBadge('badge-mine', m.conversations.length);
        w.conversations.forEach(function (c) { state.seenWaiting[c.id] = true; });
      }
      var o = await api('GET', '/api/v1/tickets?overdue=1&status=baru,ditugaskan,diproses'); setBadge('badge-overdue', o.tickets.length);
      if (state.me.permissions.deliveries) { var f = await api('GET', FAILED_DELIVERIES); setBadge('badge-failed', f.deliveries.length); }
    } catch (e) { /* shown elsewhere */ }
  }

  function renderConversations(list) {
    var ul = $('list'); clear(ul);
    $('list-empty').hidden = list.length > 0;
    $('list-empty').textContent = state.view === 'inbox' ? 'Tidak ada percakapan yang menunggu petugas.' : 'Belum ada percakapan yang Anda tangani.';
    list.forEach(function (c) {
      var ch = CHANNEL[c.channel] || [c.channel, ''];
      var since = c.waitingSince || c.lastMessageAt;
      var clock = el('span', { className: 'clock', 'data-since': String(since), title: 'Lama menunggu' }, fmtDuration(serverNow() - since));
      if (c.waitingWorkingMinutes !== null && c.waitingWorkingMinutes >= 15) clock.classList.add('late');
      var li = el('li', { className: 'item' + (state.openConv === c.id ? ' active' : '') + (state.fresh && state.fresh[c.id] ? ' fresh' : ''), 'data-id': c.id },
        el('button', { type: 'button', onclick: function () { openConversation(c.id); }, 'aria-label': 'Buka percakapan ' + (c.userName || 'pengguna') + ' lewat ' + ch[0] + ', ' + (c.serviceName || 'layanan belum diketahui') },
          el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: c.userName || 'Pengguna ' + ch[0] }), clock),
          el('div', { className: 'item-sub', text: (c.serviceName || 'Layanan belum diketahui') + ' · ' + (c.agencyName || 'Antrean umum') }),
          el('div', { className: 'item-last', text: c.lastMessage || '—' }),
          el('div', { className: 'chips' },
            el('span', { className: 'chip ' + ch[1], text: ch[0] }),
            el('span', { className: 'chip', text: STATE_LABEL[c.state] || c.state }),
            c.ticket ? el('span', { className: 'chip', text: c.ticket }) : null,
            c.waitingWorkingMinutes !== null ? el('span', { className: 'chip', text: 'Menunggu ' + fmtWorking(c.waitingWorkingMinutes) }) : null)));
      ul.appendChild(li);
    });
  }

  function renderTickets(list) {
    var ul = $('list'); clear(ul);
    $('list-empty').hidden = list.length > 0;
    $('list-empty').textContent = 'Tidak ada tiket yang cocok dengan saringan.';
    list.forEach(function (t) {
      var res = t.slaState.resolution; var resp = t.slaState.response;
      var clockText = t.slaState.paused ? 'Jeda (menunggu pelapor)' : res.metAt ? 'Selesai'
        : (!resp.metAt && resp.breached) ? 'Respons terlambat ' + fmtWorking(resp.remainingMinutes)
        : (res.remainingMinutes < 0 ? 'Terlambat ' : 'Sisa ') + fmtWorking(res.remainingMinutes);
      var li = el('li', { className: 'item' + (state.openTicket === t.number ? ' active' : ''), 'data-number': t.number },
        el('button', { type: 'button', onclick: function () { openTicket(t.number); }, 'aria-label': 'Buka tiket ' + t.number },
          el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: t.number }), el('span', { className: 'clock' + (t.overdue ? ' late' : ''), text: clockText })),
          el('div', { className: 'item-sub', text: t.categoryLabel + ' · ' + (t.serviceName || 'tanpa layanan') + ' · ' + (t.agencyName || t.agency) }),
          el('div', { className: 'item-last', text: t.summary }),
          el('div', { className: 'chips' },
            el('span', { className: 'chip', text: t.statusLabel }),
            el('span', { className: 'chip', text: 'Prioritas ' + t.priority }),
            t.overdue ? el('span', { className: 'chip chip-warn', text: 'Melewati SLA' }) : null,
            t.sla.escalated.length ? el('span', { className: 'chip chip-esc', text: 'Eskalasi ' + t.sla.escalated.length }) : null,
            t.survey ? el('span', { className: 'chip', text: 'Nilai ' + t.survey.rating + '/5' }) : null)));
      ul.appendChild(li);
    });
  }

  function renderDeliveries(list) {
    var ul = $('list'); clear(ul);
    $('list-empty').hidden = list.length > 0;
    $('list-empty').textContent = 'Tidak ada pesan yang gagal terkirim.';
    list.forEach(function (d) {
      var ch = CHANNEL[d.channel] || [d.channel, ''];
      var li = el('li', { className: 'item', 'data-id': d.conversationId },
        el('button', { type: 'button', onclick: function () { openConversation(d.conversationId); }, 'aria-label': 'Buka percakapan dengan pesan gagal terkirim' },
          el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: 'Gagal setelah ' + d.attempts + ' percobaan' }), el('span', { className: 'clock late', text: fmtTime(d.updatedAt) })),
          el('div', { className: 'item-last', text: d.lastError || 'Tanpa keterangan galat' }),
          el('div', { className: 'chips' }, el('span', { className: 'chip ' + ch[1], text: ch[0] }))));
      ul.appendChild(li);
    });
  }

  setInterval(function () {
    document.querySelectorAll('.clock[data-since]').forEach(function (c) { c.textContent = fmtDuration(serverNow() - Number(c.dataset.since)); });
  }, 30000);

  function showDetail(which) {
    $('detail-empty').hidden = which !== null;
    $('conv-view').hidden = which !== 'conv';
    $('ticket-view').hidden = which !== 'ticket';
    document.querySelector('.panes').classList.toggle('show-detail', which !== null);
  }
  document.querySelectorAll('[data-back]').forEach(function (b) {
    b.addEventListener('click', function () { state.openConv = null; state.openTicket = null; showDetail(null); openStream(); loadList(); });
  });

  // ---------- conversation view
  async function openConversation(id) {
    state.openConv = id; state.openTicket = null;
    if (state.fresh) delete state.fresh[id];
    state.unseen = 0; updateTitle();
    document.querySelectorAll('#list .item').forEach(function (li) { li.classList.toggle('active', li.dataset.id === id); });
    await renderConversation();
    showDetail('conv');
    openStream();
    $('conv-title').focus && $('conv-title').setAttribute('tabindex', '-1');
    $('conv-title').focus();
  }

  async function renderConversation() {
    var id = state.openConv; if (!id) return;
    $('conv-error').textContent = '';
    var c;
    try { c = await api('GET', '/api/v1/conversations/' + encodeURIComponent(id)); }
    catch (e) { $('conv-error').textContent = e.message; return; }
    if (state.openConv !== id) return;
    syncClock(c.now);
    var ch = CHANNEL[c.channel] || [c.channel];
    $('conv-title').textContent = (c.userName || c.identity.name || 'Pengguna') + ' · ' + ch[0];
    var meta = [STATE_LABEL[c.state] || c.state, c.serviceName || 'Layanan belum diketahui', c.agencyName || 'Antrean umum'];
    if (c.officerName) meta.push('Petugas: ' + c.officerName);
    if (c.waitingSince && c.state === 'waiting') meta.push('Menunggu sejak ' + fmtTime(c.waitingSince));
    if (c.identity.contact) meta.push('Kontak: ' + c.identity.contact);
    $('conv-meta').textContent = meta.join(' · ');
    var mine = c.state === 'officer' && c.officerId === state.me.id;
    $('act-takeover').hidden = !(c.canAct && (c.state === 'waiting' || c.state === 'bot'));
    $('act-release').hidden = !(c.canAct && (mine || c.state === 'waiting' || (c.state === 'officer' && state.me.role === 'koordinator-layanan')));
    $('act-close').hidden = !(c.canAct && c.state !== 'closed' && (c.state !== 'officer' || mine || state.me.role === 'koordinator-layanan'));
    $('reply-form').hidden = !mine;
    $('attach-form').hidden = !c.canAct;
    $('reply-hint').textContent = mine ? 'Bot diam selama Anda menangani percakapan ini.' : '';
    $('linked-ticket').textContent = c.linkedTicket ? 'Tertaut: ' + c.linkedTicket.number + ' (' + c.linkedTicket.status + ')' : (c.ticket ? 'Tertaut: ' + c.ticket : '');
    var ol = $('transcript'); clear(ol);
    c.transcript.forEach(function (e) { ol.appendChild(entryNode(e)); });
    state.openConvSeq = c.transcript.length ? c.transcript[c.transcript.length - 1].seq : 0;
    ol.scrollTop = ol.scrollHeight;
    fillCanned(c.agency);
  }

  function entryNode(e) {
    var who = e.from === 'agent' ? 'Petugas' + (e.officerName ? ' · ' + e.officerName : '') : FROM_LABEL[e.from] || e.from;
    return el('li', { className: 'msg msg-' + e.from, 'data-entry': e.id },
      el('span', { className: 'msg-who', text: who + ' · ' + fmtTime(e.at) }),
      document.createTextNode(e.text),
      e.options && e.options.length ? el('div', { className: 'msg-options', text: 'Pilihan: ' + e.options.map(function (o) { return o.label; }).join(' | ') }) : null);
  }

  function appendEntry(entry) {
    var ol = $('transcript');
    if (typeof entry.seq === 'number' && entry.seq > (state.openConvSeq || 0)) state.openConvSeq = entry.seq;
    if (ol.querySelector('[data-entry="' + CSS.escape(entry.id) + '"]')) return;
    ol.appendChild(entryNode(entry));
    ol.scrollTop = ol.scrollHeight;
    if (entry.from === 'user') announce('Pesan baru dari pengguna: ' + entry.text.slice(0, 120));
  }

  async function convAction(action, confirmText) {
    if (confirmText && !window.confirm(confirmText)) return;
    $('conv-error').textContent = '';
    try {
      await api('POST', '/api/v1/conversations/' + encodeURIComponent(state.openConv) + '/' + action);
      announce(action === 'takeover' ? 'Percakapan diambil alih. Bot berhenti menjawab.' : action === 'release' ? 'Percakapan dikembalikan ke bot.' : 'Percakapan ditutup.');
      await renderConversation();
      loadList(); refreshCounts();
      if (action === 'takeover') $('reply-text').focus();
    } catch (e) { $('conv-error').textContent = e.message; await renderConversation(); }
  }
  $('act-takeover').addEventListener('click', function () { convAction('takeover'); });
  $('act-release').addEventListener('click', function () { convAction('release'); });
  $('act-close').addEventListener('click', function () { convAction('close', 'Tutup percakapan ini?'); });

  $('reply-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var text = $('reply-text').value.trim(); if (!text) { $('conv-error').textContent = 'Tulis balasan terlebih dahulu.'; return; }
    $('reply-send').disabled = true;
    try {
      await api('POST', '/api/v1/conversations/' + encodeURIComponent(state.openConv) + '/messages', { text: text });
      $('reply-text').value = '';
      announce('Balasan terkirim.');
      await renderConversation();
    } catch (e) { $('conv-error').textContent = e.message; }
    finally { $('reply-send').disabled = false; $('reply-text').focus(); }
  });
  $('reply-text').addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); $('reply-form').requestSubmit(); }
  });
  $('attach-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var t = $('attach-ticket').value.trim().toUpperCase(); if (!t) return;
    try { await api('POST', '/api/v1/conversations/' + encodeURIComponent(state.openConv) + '/attach', { ticket: t }); $('attach-ticket').value = ''; announce('Tiket ditautkan.'); await renderConversation(); }
    catch (e) { $('conv-error').textContent = e.message; }
  });

  async function loadCanned() {
    try { state.canned = (await api('GET', '/api/v1/canned-responses')).cannedResponses; } catch (e) { state.canned = []; }
  }
  function fillCanned(agency) {
    var sel = $('canned-select'); clear(sel);
    sel.appendChild(el('option', { value: '' }, '— pilih —'));
    state.canned.filter(function (c) { return !agency || c.agency === agency || c.agency === state.me.agency || c.agency === 'diskominfo'; })
      .forEach(function (c, i) { sel.appendChild(el('option', { value: String(i) }, c.title + ' (' + agencyLabel(c.agency) + ')')); });
    sel.dataset.agency = agency || '';
  }
  $('canned-select').addEventListener('change', function () {
    var sel = $('canned-select'); if (sel.value === '') return;
    var options = state.canned.filter(function (c) { var a = sel.dataset.agency; return !a || c.agency === a || c.agency === state.me.agency || c.agency === 'diskominfo'; });
    var c = options[Number(sel.value)]; if (!c) return;
    var box = $('reply-text'); box.value = box.value ? box.value + '\n' + c.text : c.text; box.focus();
    sel.value = '';
  });

  // ---------- ticket view
  function fillFilters() {
    var m = state.meta;
    var add = function (sel, items) { items.forEach(function (x) { sel.appendChild(el('option', { value: x[0] }, x[1])); }); };
    add($('f-status'), m.statuses.map(function (s) { return [s.id, s.label]; }));
    add($('f-category'), m.categories.map(function (c) { return [c.id, c.label]; }));
    add($('f-service'), m.services.map(function (s) { return [s.id, s.name]; }).sort(function (a, b) { return a[1].localeCompare(b[1], 'id'); }));
    var agencies = m.agencies.filter(function (a) { return state.me.permissions.readsEverything || a.id === state.me.agency; });
    add($('f-agency'), agencies.map(function (a) { return [a.id, a.shortName]; }));
    add($('reassign-agency'), m.agencies.map(function (a) { return [a.id, a.name]; }));
  }

  async function openTicket(number) {
    state.openTicket = number; state.openConv = null;
    document.querySelectorAll('#list .item').forEach(function (li) { li.classList.toggle('active', li.dataset.number === number); });
    await renderTicket();
    showDetail('ticket');
    openStream();
    $('ticket-title').setAttribute('tabindex', '-1'); $('ticket-title').focus();
  }

  function slaBox(label, clock, paused) {
    var value;
    if (clock.metAt) value = (clock.breached ? 'Tercapai terlambat · ' : 'Tercapai · ') + fmtTime(clock.metAt);
    else if (paused) value = 'Jeda (menunggu pelapor)';
    else value = (clock.remainingMinutes < 0 ? 'Terlambat ' : 'Sisa ') + fmtWorking(clock.remainingMinutes);
    return el('div', { className: 'sla-box' + (clock.breached && !clock.metAt ? ' late' : '') + (paused && !clock.metAt ? ' paused' : '') },
      el('div', { className: 'sla-label', text: label + ' · batas ' + fmtTime(clock.dueAt) }), el('div', { className: 'sla-value', text: value }));
  }

  async function renderTicket() {
    var number = state.openTicket; if (!number) return;
    $('ticket-error').textContent = '';
    var t;
    try { t = await api('GET', '/api/v1/tickets/' + encodeURIComponent(number)); } catch (e) { $('ticket-error').textContent = e.message; return; }
    if (state.openTicket !== number) return;
    $('ticket-title').textContent = t.number + ' · ' + t.categoryLabel;
    $('ticket-meta').textContent = (t.serviceName || 'Tanpa layanan') + ' · ' + (t.agencyName || t.agency) + (t.coAgencyNames.length ? ' (bersama ' + t.coAgencyNames.join(', ') + ')' : '') + ' · dibuat ' + fmtTime(t.createdAt);
    $('ticket-status').textContent = t.statusLabel;
    var facts = $('ticket-facts'); clear(facts);
    var add = function (k, v) { if (v) { facts.appendChild(el('dt', { text: k })); facts.appendChild(el('dd', { text: v })); } };
    add('Ringkasan', t.summary); add('Uraian', t.description); add('Prioritas', t.priority);
    add('Pelapor', [t.reporter.name, t.reporter.contact, t.reporter.nip ? 'NIP ' + t.reporter.nip : null, (CHANNEL[t.reporter.channel] || [t.reporter.channel])[0]].filter(Boolean).join(' · '));
    add('Eskalasi', t.sla.escalated.join(', '));
    var sla = $('ticket-sla'); clear(sla);
    sla.appendChild(slaBox('Tanggapan pertama', t.slaState.response, false));
    sla.appendChild(slaBox('Penyelesaian', t.slaState.resolution, t.slaState.paused));
    var sv = $('ticket-survey'); clear(sv);
    if (t.survey) sv.appendChild(el('p', null, el('strong', { text: 'Penilaian pelapor: ' }), el('span', { className: 'stars', 'aria-label': t.survey.rating + ' dari 5', text: '★★★★★'.slice(0, t.survey.rating) + '☆☆☆☆☆'.slice(0, 5 - t.survey.rating) }), ' ' + t.survey.rating + '/5' + (t.survey.comment ? ' — "' + t.survey.comment + '"' : '')));
    else if (t.status === 'selesai' || t.status === 'ditutup') sv.appendChild(el('p', { className: 'muted', text: 'Pelapor belum memberi penilaian.' }));
    var sel = $('status-select'); clear(sel);
    t.allowedNext.forEach(function (s) { var label = (state.meta.statuses.find(function (x) { return x.id === s; }) || { label: s }).label; sel.appendChild(el('option', { value: s }, label)); });
    $('status-form').hidden = !t.canAct || t.allowedNext.length === 0;
    $('reassign-form').hidden = !t.canReassign || t.status === 'ditutup' || t.status === 'ditolak';
    var h = $('ticket-history'); clear(h);
    t.history.forEach(function (item) {
      var what = item.action === 'status' ? 'Status: ' + item.from + ' → ' + item.to : item.action === 'dialihkan' ? 'Dialihkan: ' + agencyLabel(item.from) + ' → ' + agencyLabel(item.to) : item.action === 'eskalasi' ? 'Eskalasi: ' + item.to : item.action === 'survei' ? 'Penilaian pelapor' : item.action === 'catatan' ? 'Catatan internal' : 'Tiket dibuat';
      h.appendChild(el('li', { className: item.action === 'eskalasi' ? 'esc' : '' }, el('strong', { text: what }), el('div', { className: 'muted small', text: fmtTime(item.at) + ' · oleh ' + (item.byName || (item.by === 'system' ? 'sistem' : item.by)) }), item.note ? el('div', { text: item.note }) : null));
    });
  }

  $('status-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var body = { status: $('status-select').value };
    var note = $('status-note').value.trim(); if (note) body.note = note;
    try { await api('PATCH', '/api/v1/tickets/' + encodeURIComponent(state.openTicket), body); $('status-note').value = ''; announce('Status tiket diperbarui dan dikirim ke pelapor.'); await renderTicket(); loadList(); }
    catch (e) { $('ticket-error').textContent = e.message; }
  });
  $('reassign-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var reason = $('reassign-reason').value.trim(); if (!reason) { $('ticket-error').textContent = 'Isi alasan pengalihan.'; return; }
    try { await api('POST', '/api/v1/tickets/' + encodeURIComponent(state.openTicket) + '/reassign', { agency: $('reassign-agency').value, reason: reason }); $('reassign-reason').value = ''; announce('Tiket dialihkan.'); await renderTicket(); loadList(); }
    catch (e) { $('ticket-error').textContent = e.message; }
  });

  // ---------- live updates
  function stopStream() { if (state.stream) { state.stream.close(); state.stream = null; } }
  function openStream() {
    stopStream();
    if (!state.me) return;
    // `after`: the stream first sends what the open conversation got since we loaded it
    var url = '/api/v1/console/stream' + (state.openConv ? '?watch=' + encodeURIComponent(state.openConv) + '&after=' + encodeURIComponent(state.openConv + '.' + (state.openConvSeq || 0)) : '');
    var es = new EventSource(url);
    state.stream = es;
    var connected = false;
    es.addEventListener('ready', function () {
      $('live-state').textContent = '● Terhubung'; $('live-state').classList.remove('off');
      // after a reconnect the lists may have changed meanwhile (inbox events are not replayed)
      if (connected) { loadList(); refreshCounts(); }
      connected = true;
    });
    es.addEventListener('inbox', function (m) { onInbox(JSON.parse(m.data)); });
    es.addEventListener('entry', function (m) { var d = JSON.parse(m.data); if (d.conversationId === state.openConv) appendEntry(d.entry); });
    es.addEventListener('expired', function () { showLogin('Sesi berakhir. Silakan masuk kembali.'); });
    es.onerror = function () { $('live-state').textContent = '● Terputus, menyambung ulang…'; $('live-state').classList.add('off'); };
  }

  function onInbox(ev) {
    var important = ev.kind === 'waiting' || ev.kind === 'user-message' || ev.kind === 'escalation' || ev.kind === 'ticket-created';
    if (ev.kind === 'waiting') {
      state.fresh = state.fresh || {}; state.fresh[ev.conversationId] = true;
      announce('Percakapan baru menunggu petugas.');
    }
    if (ev.kind === 'escalation') announce('Eskalasi: tiket ' + ev.ticket + ' melewati target waktu.');
    if (important && !(ev.kind === 'user-message' && ev.conversationId === state.openConv)) { state.unseen++; updateTitle(); }
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(function () {
      loadList(); refreshCounts();
      if (state.openConv && ev.conversationId === state.openConv && ev.kind === 'conversation-changed') renderConversation();
      if (state.openTicket && ev.ticket === state.openTicket) renderTicket();
    }, 150);
  }
  function updateTitle() {
    document.title = state.unseen > 0 ? '(' + state.unseen + ') ' + BASE_TITLE : BASE_TITLE;
    $('new-alert').hidden = state.unseen === 0;
    $('new-alert').textContent = state.unseen + ' pembaruan baru';
  }
  $('new-alert').addEventListener('click', function () { state.unseen = 0; updateTitle(); });

  // ---------- boot
  api('GET', '/api/v1/auth/me').then(function () { return start(); }, function () { showLogin(''); });
})();
