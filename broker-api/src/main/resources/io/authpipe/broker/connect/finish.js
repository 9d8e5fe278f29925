// Authpipe's finish page: reports the flow's outcome to the page that opened the connect page (postMessage with an
// explicit target origin, and BroadcastChannel for an opener on Authpipe's own origin), shows it, and closes a
// popup. The message carries the opener's nonce and never a token.
(function () {
  'use strict';
  var S = window.AUTHPIPE_STRINGS.pick();
  var data = JSON.parse(document.getElementById('authpipe-result').textContent);
  var message = data.message;
  var outcome = document.getElementById('outcome');
  if (message.status === 'connected') {
    document.getElementById('title').textContent = S.connectedTitle;
    outcome.textContent = S.connected(message.result.account.acct);
  } else {
    document.getElementById('title').textContent = S.failedTitle;
    outcome.textContent = S.errors[message.error.code] || message.error.message || S.errors.fallback;
    outcome.className = 'error';
    outcome.dataset.error = message.error.code;
  }
  outcome.dataset.status = message.status;
  outcome.hidden = false;
  if (data.origin) {
    try { if (window.opener) { window.opener.postMessage(message, data.origin); } } catch (e) { /* opener gone */ }
  }
  try {
    var channel = new BroadcastChannel('authpipe-connect');
    channel.postMessage(message);
    channel.close();
  } catch (e) { /* no BroadcastChannel */ }
  if (data.mode === 'popup') {
    outcome.textContent += ' ' + S.closing;
    window.setTimeout(function () { window.close(); }, 600);
  } else if (message.status === 'connected') {
    outcome.textContent += ' ' + S.youCanClose;
  }
})();
