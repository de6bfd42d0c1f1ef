// Lifeboat console: keeps live regions ([data-live]) current by fetching their server-rendered HTML
// (escaped by the server's templates) every few seconds. Without script the pages work; they just need a reload.
// Served from /api/console/assets/console.js, so the pages' CSP allows only scripts from 'self'.
(function () {
  'use strict';
  var regions = document.querySelectorAll('[data-live]');
  Array.prototype.forEach.call(regions, function (region) {
    var url = region.getAttribute('data-live');
    var every = Number(region.getAttribute('data-every')) || 3000;
    var stopped = false;

    // Never swap the region out from under someone typing a comment or reading an open action.
    function busy() {
      var active = document.activeElement;
      if (active && region.contains(active) && /^(TEXTAREA|INPUT|SELECT|BUTTON)$/.test(active.tagName))
        return true;
      if (region.querySelector('.actions details[open]')) return true;
      var areas = region.querySelectorAll('textarea');
      for (var i = 0; i < areas.length; i++) if (areas[i].value.trim() !== '') return true;
      return false;
    }

    function schedule() {
      if (!stopped) window.setTimeout(tick, every);
    }

    function tick() {
      if (busy()) return schedule();
      fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (response) {
          if (response.status === 401) {
            stopped = true;
            region.setAttribute('data-live-state', 'signed-out');
            return undefined;
          }
          return response.ok ? response.text() : undefined;
        })
        .then(function (html) {
          if (html !== undefined && !busy()) {
            region.innerHTML = html;
            region.setAttribute('data-live-updated', String(Date.now()));
          }
        })
        .catch(function () {
          region.setAttribute('data-live-state', 'unreachable');
        })
        .then(schedule);
    }
    schedule();
  });
})();
