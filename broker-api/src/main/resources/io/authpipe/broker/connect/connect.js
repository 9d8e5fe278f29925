// Authpipe's connect page. The session token arrives in the URL fragment (never sent to a server) and leaves the
// address bar at once; the page reads the session, asks for the user's server when the session names none, and
// starts the flow only on an explicit click. The start answer sets the HttpOnly cookie that binds the flow to this
// browser, then the page goes to the provider.
(function () {
  'use strict';
  var S = window.AUTHPIPE_STRINGS.pick();
  var $ = function (id) { return document.getElementById(id); };
  var fragment = new URLSearchParams(location.hash.slice(1));
  history.replaceState(null, '', location.pathname);
  var token = fragment.get('token') || '';
  var opener = { origin: fragment.get('origin'), nonce: fragment.get('nonce'), mode: fragment.get('mode') || 'page' };
  var sessionId = token.split('.')[0];
  var session = null;
  // Refusals no second click can change: the page says so and offers no button.
  var FINAL = ['unknown_session', 'session_expired', 'session_completed', 'origin_not_allowed', 'return_to_required',
    'invalid_mode', 'invalid_nonce', 'tenant_deleted'];

  function providerName(id) { return S.providers[id] || id; }

  function showError(code, message) {
    var text = S.errors[code] || message || S.errors.fallback;
    $('error').textContent = text;
    $('error').dataset.error = code || 'fallback';
    $('error').hidden = false;
  }

  function fail(code, message) {
    $('form').hidden = true;
    $('lead').textContent = '';
    $('title').textContent = S.failedTitle;
    showError(code, message);
  }

  // What the user typed, as the server address Authpipe will use: "@alice@Mastodon.Social", "https://mastodon.social/about"
  // and "mastodon.social" all become "mastodon.social"; an explicit http:// (a local test server) is kept.
  function normalise(input) {
    var value = String(input || '').trim();
    var handle = /^@?[^@\s\/]+@([^@\s\/]+)$/.exec(value);
    if (handle) { value = handle[1]; }
    var http = /^http:\/\//i.test(value);
    value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[\/?#]/)[0].toLowerCase();
    if (!/^[a-z0-9.-]+(:[0-9]{1,5})?$/.test(value) && !/^\[[0-9a-f:.]+\](:[0-9]{1,5})?$/.test(value)) { return null; }
    return (http ? 'http://' : '') + value;
  }

  function hint() {
    var server = normalise($('instance').value);
    $('instance-hint').textContent = $('instance').value.trim() === '' ? S.instanceHint
      : server ? S.willOpen(server) : S.notAServer;
  }

  function render(body) {
    session = body;
    var provider = providerName(body.provider);
    document.title = S.title(provider);
    $('title').textContent = S.title(provider);
    if (body.status === 'connected') { return fail('session_completed'); }
    if (body.status === 'expired') { return fail('session_expired'); }
    $('lead').textContent = body.instance ? S.leadAt(body.app.name, provider, body.instance)
      : S.lead(body.app.name, provider);
    $('instance-field').hidden = Boolean(body.instance);
    $('instance-label').textContent = S.instanceLabel;
    $('connect').textContent = S.connect(provider);
    $('connect').disabled = false;
    $('form').hidden = false;
    if (!body.instance) { hint(); $('instance').focus(); } else { $('connect').focus(); }
  }

  function start(event) {
    event.preventDefault();
    $('error').hidden = true;
    var instance = session.instance ? null : normalise($('instance').value);
    if (!session.instance && !instance) { showError($('instance').value.trim() ? 'invalid_instance' : 'instance_required'); return; }
    $('connect').disabled = true;
    $('connect').setAttribute('aria-busy', 'true');
    $('lead').textContent = S.working;
    var request = { mode: opener.mode };
    if (instance) { request.instance = instance; }
    if (opener.origin) { request.origin = opener.origin; }
    if (opener.nonce) { request.nonce = opener.nonce; }
    fetch('/v1/connect-sessions/' + encodeURIComponent(sessionId) + '/start', {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify(request)
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (answer.ok) { location.assign(answer.body.authorizeUrl); return; }
      if (FINAL.indexOf(answer.body.error) >= 0) { fail(answer.body.error, answer.body.message); return; }
      $('connect').disabled = false;
      $('connect').removeAttribute('aria-busy');
      render(session);
      showError(answer.body.error, answer.body.message);
    }, function () {
      $('connect').disabled = false;
      $('connect').removeAttribute('aria-busy');
      showError('fallback');
    });
  }

  $('form').addEventListener('submit', start);
  $('instance').addEventListener('input', hint);
  if (!token || !sessionId) { fail('missing_token'); return; }
  $('lead').textContent = S.loading;
  fetch('/v1/connect-sessions/' + encodeURIComponent(sessionId), {
    headers: { 'Authorization': 'Bearer ' + token }, cache: 'no-store'
  }).then(function (response) {
    return response.json().then(function (body) { return { ok: response.ok, body: body }; });
  }).then(function (answer) {
    if (answer.ok) { render(answer.body); } else { fail(answer.body.error, answer.body.message); }
  }, function () { fail('fallback'); });
})();
