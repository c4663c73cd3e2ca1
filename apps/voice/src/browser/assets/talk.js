// The talk page: text (and the microphone, where the browser offers speech recognition) to the
// agent; the agent's turns, tool calls and the session's events arrive live over server-sent events.
// No inline script or style (the page's CSP forbids them); all text is set with textContent.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var sessionId = null;
  var source = null;
  var ended = false;

  function add(list, cls, text) {
    var li = document.createElement('li');
    if (cls) li.className = cls;
    li.textContent = text;
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
    return li;
  }
  function log(label, detail) {
    var li = add($('log'), 'entry', '');
    var b = document.createElement('b');
    b.textContent = label + ' ';
    li.appendChild(b);
    if (detail !== undefined) {
      var code = document.createElement('code');
      code.textContent = typeof detail === 'string' ? detail : JSON.stringify(detail);
      li.appendChild(code);
    }
  }
  function status(text) { $('status').textContent = text; }
  function enable(on) {
    ['text', 'send', 'machine'].forEach(function (id) { $(id).disabled = !on; });
    $('mic').disabled = !on;
  }
  function speak(text) {
    if (!$('speak').checked || !window.speechSynthesis) return;
    var u = new SpeechSynthesisUtterance(text);
    u.lang = $('language').value;
    window.speechSynthesis.speak(u);
  }

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.detail || ('HTTP ' + r.status)); return j; });
    });
  }

  function onTurn(turn) {
    (turn.say || []).forEach(function (s) { add($('transcript'), 'agent', s); speak(s); });
    (turn.blocked || []).forEach(function (b) { add($('transcript'), 'blocked', 'Guardrail replaced a sentence (' + b.reasons.join(', ') + ')'); });
    $('stage').textContent = turn.stage || '–';
    $('intent').textContent = turn.intent || '–';
    $('sentiment').textContent = turn.signals ? String(turn.signals.sentiment) : '–';
    $('cues').textContent = turn.signals && turn.signals.cues.length ? turn.signals.cues.join(', ') : '–';
    if (turn.outcome) $('outcome').textContent = turn.outcome;
    log('turn', { intent: turn.intent, next: turn.next, ms: Math.round((turn.timings && turn.timings.total || 0) * 100) / 100 });
    if (turn.next !== 'listen') {
      ended = true;
      enable(false);
      $('open-link').disabled = true;
      $('pay').disabled = true;
      status(turn.next === 'transfer' ? 'Transferred to a colleague (call over for this demo).' : 'Call ended.');
    }
  }

  function connect(id) {
    if (source) source.close();
    source = new EventSource('/talk/sessions/' + encodeURIComponent(id) + '/stream');
    source.addEventListener('open', function () { status('Connected.'); });
    source.addEventListener('turn', function (e) { onTurn(JSON.parse(e.data)); });
    source.addEventListener('heard', function (e) { add($('transcript'), 'debtor', JSON.parse(e.data).text); });
    source.addEventListener('tool', function (e) {
      var t = JSON.parse(e.data);
      log('tool ' + t.call.name, { arguments: t.call.arguments, ok: t.result.ok, result: t.result.result, error: t.result.error });
      if (t.call.name === 'send_payment_link' && t.result.ok && !ended) { $('open-link').disabled = false; $('pay').disabled = false; }
    });
    source.addEventListener('event', function (e) { log('event', JSON.parse(e.data)); });
    source.addEventListener('error', function () { if (!ended) status('Reconnecting…'); });
  }

  $('setup').addEventListener('submit', function (e) {
    e.preventDefault();
    $('transcript').textContent = '';
    $('log').textContent = '';
    $('outcome').textContent = '–';
    ended = false;
    status('Starting…');
    post('/talk/sessions', { language: $('language').value, jurisdiction: $('jurisdiction').value.trim() || undefined }).then(function (r) {
      sessionId = r.sessionId;
      document.body.setAttribute('data-session', sessionId);
      connect(sessionId);
      enable(true);
      $('text').focus();
    }).catch(function (err) { status(err.message); });
  });

  $('talk').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('text').value.trim();
    if (!text || !sessionId) return;
    $('text').value = '';
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    post('/talk/sessions/' + sessionId + '/say', { text: text }).catch(function (err) { status(err.message); });
  });

  function event(kind) {
    if (!sessionId) return;
    post('/talk/sessions/' + sessionId + '/events', { kind: kind }).catch(function (err) { status(err.message); });
  }
  $('open-link').addEventListener('click', function () { event('link_clicked'); $('open-link').disabled = true; });
  $('pay').addEventListener('click', function () { event('payment_received'); $('pay').disabled = true; });
  $('machine').addEventListener('click', function () { event('answering_machine'); });

  // The microphone, where the browser has speech recognition (Chrome, Edge, Safari).
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (Recognition) {
    var mic = $('mic');
    mic.hidden = false;
    mic.addEventListener('click', function () {
      var rec = new Recognition();
      rec.lang = $('language').value;
      rec.interimResults = false;
      rec.maxAlternatives = 1;
      rec.onspeechstart = function () {
        // The person talks over the agent: stop speaking and drop what was not yet said.
        if (window.speechSynthesis) window.speechSynthesis.cancel();
        if (sessionId) post('/talk/sessions/' + sessionId + '/interrupt', {}).catch(function () {});
      };
      rec.onresult = function (ev) {
        var text = ev.results[0][0].transcript;
        if (text && sessionId) post('/talk/sessions/' + sessionId + '/say', { text: text }).catch(function (err) { status(err.message); });
      };
      rec.onerror = function (ev) { status('Microphone: ' + ev.error); };
      rec.onend = function () { mic.textContent = '🎤 Speak'; };
      mic.textContent = '… listening';
      rec.start();
    });
  }
})();
