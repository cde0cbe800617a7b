// Progressive enhancement only: every page works without this file.
// Static pages age; notice statuses are corrected here from the reader's clock.
(function () {
  "use strict";
  // The status rule and labels are not written here: the build embeds them in every page
  // (<body data-status-rule>) from thads_portal.domain.notices.STATUS_STEPS and STATUSES.
  var RULE = JSON.parse(document.body.getAttribute("data-status-rule") || '{"steps":[],"labels":{}}');
  var LABELS = RULE.labels;

  // `moments`: milliseconds by the step's attribute name (opens, deadline ...), 0 when absent.
  function statusOf(moments, override, now) {
    if (override) { return override; }
    for (var i = 0; i < RULE.steps.length; i++) {
      var step = RULE.steps[i], moment = moments[step[1]];
      if (moment && (step[2] === "before" ? now < moment : now <= moment)) { return step[0]; }
    }
    return RULE.after;
  }

  function time(value) { return value ? new Date(value).getTime() : 0; }

  function statusAt(element, now) {
    var moments = {};
    RULE.steps.forEach(function (step) { moments[step[1]] = time(element.getAttribute("data-" + step[1])); });
    return statusOf(moments, element.dataset.override, now.getTime());
  }

  function correctStatuses(root) {
    var now = new Date();
    var badges = (root || document).querySelectorAll("[data-notice-status]");
    Array.prototype.forEach.call(badges, function (badge) {
      var status = statusAt(badge, now);
      badge.textContent = LABELS[status];
      badge.className = "status status-" + status;
    });
  }

  // On phones the menu is one row that scrolls sideways: keep the current section in view.
  function revealCurrentMenuItem() {
    var current = document.querySelector(".site-nav a[aria-current]");
    var row = current && current.closest("ul");
    if (row && row.scrollWidth > row.clientWidth) {
      row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
    }
  }

  // Filter panels (<details data-open-wide>) are closed in the HTML so that on a phone the
  // list comes first; on wide screens there is room, so they open. Without this file the
  // reader opens them with one click.
  function openWidePanels() {
    if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (panel) {
      panel.open = true;
    });
  }

  function start() {
    correctStatuses();
    revealCurrentMenuItem();
    openWidePanels();
  }

  window.portalStatus = { statusOf: statusOf, statusAt: statusAt, labels: LABELS, correct: correctStatuses };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
