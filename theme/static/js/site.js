// Progressive enhancement only: every page works without this file.
// Static pages age; notice statuses are corrected here from the reader's clock.
(function () {
  "use strict";
  var LABELS = {
    upcoming: "Sắp mở đăng ký", open: "Đang nhận hồ sơ", closed: "Đã hết hạn đăng ký",
    ended: "Đã kết thúc", cancelled: "Đã hủy", postponed: "Tạm hoãn"
  };

  function statusAt(element, now) {
    var data = element.dataset;
    if (data.override) { return data.override; }
    if (data.opens && now < new Date(data.opens)) { return "upcoming"; }
    if (data.deadline && now <= new Date(data.deadline)) { return "open"; }
    if (data.auction && now < new Date(data.auction)) { return "closed"; }
    return "ended";
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

  window.portalStatus = { statusAt: statusAt, labels: LABELS, correct: correctStatuses };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { correctStatuses(); });
  } else {
    correctStatuses();
  }
})();
