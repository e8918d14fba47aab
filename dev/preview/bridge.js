// google.script.run for the local preview: each call goes to the preview server over HTTP, which runs
// the built add-on on the in-memory Workspace with Apps Script's rules for arguments and results.
(function () {
  function runner(success, failure) {
    var target = {
      withSuccessHandler: function (fn) {
        return runner(fn, failure);
      },
      withFailureHandler: function (fn) {
        return runner(success, fn);
      },
      withUserObject: function () {
        return runner(success, failure);
      },
    };
    return new Proxy(target, {
      get: function (t, name) {
        if (name in t) return t[name];
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch((window.__PH_RUN_BASE__ || '/run') + '/' + encodeURIComponent(String(name)), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ args: args }),
          })
            .then(function (r) {
              return r.json();
            })
            .then(function (outcome) {
              if (window.parent !== window) window.parent.postMessage('partner-hub:ran', '*');
              if (outcome.ok) {
                if (success) success(outcome.value);
              } else if (failure) {
                failure(new Error(outcome.message));
              }
            })
            .catch(function (error) {
              if (failure) failure(error);
            });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
  // Inside the preview page, a Doc or Form link opens what the preview made instead of Google's page.
  if (window.parent !== window) {
    window.document.addEventListener(
      'click',
      function (e) {
        var a = e.target instanceof window.Element ? e.target.closest('a[href]') : null;
        if (!a || !/^https:\/\/docs\.google\.com\/(document|forms)\//.test(a.href)) return;
        e.preventDefault();
        window.parent.postMessage({ type: 'partner-hub:open', url: a.href }, '*');
      },
      true,
    );
  }
})();
