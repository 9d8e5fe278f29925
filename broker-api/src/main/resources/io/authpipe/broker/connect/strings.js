// Every text the connect and finish pages show, in one place for translation: add a language as a sibling of
// "en" with the same keys. Error texts are keyed by the API's error codes.
(function () {
  'use strict';
  var STRINGS = {
    en: {
      providers: { mastodon: 'Mastodon' },
      title: function (provider) { return 'Connect your ' + provider + ' account'; },
      lead: function (app, provider) { return app + ' would like to connect your ' + provider + ' account.'; },
      leadAt: function (app, provider, server) {
        return app + ' would like to connect your ' + provider + ' account on ' + server + '.';
      },
      instanceLabel: 'Your server',
      instanceHint: 'The address of the server you signed up on, like mastodon.social.',
      willOpen: function (server) { return 'You will sign in at ' + server + '.'; },
      notAServer: 'That does not look like a server address.',
      connect: function (provider) { return 'Continue to ' + provider; },
      working: 'Opening your server…',
      loading: 'Loading…',
      connectedTitle: 'Connected',
      connected: function (acct) { return 'Connected' + (acct ? ' as ' + acct : '') + '.'; },
      youCanClose: 'You can close this window.',
      failedTitle: 'Not connected',
      closing: 'Returning to the app…',
      errors: {
        missing_token: 'This link is incomplete. Start again from the app.',
        unknown_session: 'This link is not valid. Start again from the app.',
        session_expired: 'This link has expired. Start again from the app.',
        session_completed: 'This connection was already completed. Start again from the app to connect another account.',
        origin_not_allowed: 'This connection was opened from a page the app did not allow, so it cannot continue.',
        instance_required: 'Enter the address of your server.',
        invalid_instance: 'That does not look like a server address. Check the spelling.',
        instance_not_allowed: 'Authpipe cannot connect to that address: only public servers, over https, can be connected.',
        instance_unresolvable: 'No server answers at that address. Check the spelling.',
        instance_unreachable: 'That server did not answer. Try again in a moment.',
        instance_refused_registration: 'That server refused the app. It may not allow new apps.',
        instance_registration_throttled: 'That server is busy. Try again in a few minutes.',
        scope_not_supported_by_instance: 'That server is too old for what the app asks.',
        access_denied: 'You chose not to connect your account.',
        browser_mismatch: 'This sign-in was started in another browser, so nothing was connected. Start again from the app, in this browser.',
        unknown_state: 'This sign-in is unknown or has expired. Start again from the app.',
        state_already_used: 'This sign-in was already completed.',
        authorization_expired: 'This sign-in took too long. Start again from the app.',
        token_exchange_failed: 'Your server did not confirm the sign-in. Try again.',
        verification_failed: 'Your server described the account in a way that could not be checked.',
        rate_limited: 'Too many attempts. Wait a moment and try again.',
        return_to_required: 'This connection cannot continue in this tab. Start again from the app.',
        invalid_mode: 'This link is not valid. Start again from the app.',
        invalid_nonce: 'This link is not valid. Start again from the app.',
        tenant_deleted: 'The app that started this connection no longer exists.',
        fallback: 'Something went wrong. Start again from the app.'
      }
    }
  };
  function pick() {
    var languages = (navigator.languages || [navigator.language || 'en']);
    for (var i = 0; i < languages.length; i++) {
      var base = String(languages[i]).toLowerCase().split('-')[0];
      if (STRINGS[base]) { return STRINGS[base]; }
    }
    return STRINGS.en;
  }
  window.AUTHPIPE_STRINGS = { pick: pick };
})();
