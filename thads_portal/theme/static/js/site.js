// Progressive enhancement only: every page works without this file.
// Static pages age; notice statuses are corrected here from the reader's clock.
(function () {
  "use strict";
  var LABELS = {
    upcoming: "Sắp mở đăng ký", open: "Đang nhận hồ sơ", closed: "Đã hết hạn đăng ký",
    ended: "Đã kết thúc", cancelled: "Đã hủy", postponed: "Tạm hoãn"
  };

  // Same rule as portal.notices.Notice.status_on; times in milliseconds, 0 when absent.
  function statusOf(opens, deadline, auction, override, now) {
    if (override) { return override; }
    if (opens && now < opens) { return "upcoming"; }
    if (deadline && now <= deadline) { return "open"; }
    if (auction && now < auction) { return "closed"; }
    return "ended";
  }

  function time(value) { return value ? new Date(value).getTime() : 0; }

  function statusAt(element, now) {
    var data = element.dataset;
    return statusOf(time(data.opens), time(data.deadline), time(data.auction), data.override, now.getTime());
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
