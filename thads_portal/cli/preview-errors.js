// Preview only: served by thads serve at /__xem-truoc/loi.js and added by it to every
// HTML page it serves; never part of the built site. Asks the preview for the outcome of
// the last build every second: while it failed, its problems are shown over the page; when
// a later build succeeds, the page is reloaded. Text is set with textContent only, styles
// through the CSSOM (allowed by style-src 'self'), inside a shadow root the site's CSS
// cannot reach.
(function () {
  "use strict";
  var STATUS = "/__xem-truoc/trang-thai.json";
  var RED = "#a1001c";
  var loadedBuild = null; // the build this page comes from
  var dismissed = null; // the failed build whose overlay was closed with "Đóng"
  var host = null;
  var shownBuild = null;

  function make(tag, styles, text) {
    var element = document.createElement(tag);
    Object.keys(styles).forEach(function (name) {
      element.style.setProperty(name, styles[name], "important");
    });
    if (text !== undefined) { element.textContent = text; }
    return element;
  }

  function hide() {
    if (host) { host.remove(); }
    host = null;
    shownBuild = null;
  }

  function close() {
    dismissed = shownBuild;
    hide();
  }

  function onKey(event) {
    if (event.key === "Escape" && host) { close(); }
  }

  function show(status) {
    if (host && shownBuild === status.build) { return; }
    hide();
    host = make("div", {
      position: "fixed", inset: "0", "z-index": "2147483647", margin: "0", padding: "0",
      background: "rgba(0, 0, 0, 0.55)", "overflow-y": "auto", display: "block"
    });
    host.id = "xem-truoc-loi";
    var root = host.attachShadow({ mode: "open" });
    var panel = make("section", {
      display: "block", "box-sizing": "border-box", "max-width": "60rem",
      margin: "1rem auto", padding: "1rem", background: "#fff", color: "#1a1a1a",
      "border-top": "6px solid " + RED, "border-radius": "4px",
      font: "16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
      "text-align": "left", "overflow-wrap": "anywhere"
    });
    panel.setAttribute("role", "alert");
    panel.setAttribute("lang", "vi");
    var wrap = make("div", { padding: "0 0.75rem", "box-sizing": "border-box" });
    wrap.appendChild(panel);
    root.appendChild(wrap);

    panel.appendChild(make("h2", {
      margin: "0 0 0.5rem", "font-size": "1.25rem", "line-height": "1.3", color: RED
    }, "Không dựng được trang: " + status.summary));
    panel.appendChild(make("p", { margin: "0 0 0.75rem" },
      "Trang đang xem là bản dựng thành công gần nhất, chưa có thay đổi mới. " +
      "Sửa các lỗi dưới đây rồi lưu tệp; thông báo này tự biến mất khi dựng lại thành công."));

    var button = make("button", {
      "min-height": "44px", padding: "0.5rem 1.25rem", "font-size": "1rem",
      "font-family": "inherit", color: "#fff", background: RED, border: "0",
      "border-radius": "4px", cursor: "pointer", "margin-bottom": "1rem"
    }, "Đóng");
    button.type = "button";
    button.addEventListener("click", close);
    panel.appendChild(button);

    var list = make("ul", { margin: "0", padding: "0", "list-style": "none" });
    status.problems.forEach(function (problem) {
      var item = make("li", {
        margin: "0 0 0.5rem", padding: "0.5rem 0.75rem", background: "#fdf1f2",
        "border-left": "4px solid " + RED, "white-space": "pre-wrap"
      });
      if (problem.place) {
        item.appendChild(make("code", {
          "font-family": "ui-monospace, 'DejaVu Sans Mono', Consolas, monospace",
          "font-size": "0.9375rem", "font-weight": "bold"
        }, problem.place + ":"));
        item.appendChild(document.createTextNode(" "));
      }
      item.appendChild(document.createTextNode(problem.message));
      list.appendChild(item);
    });
    panel.appendChild(list);

    (document.body || document.documentElement).appendChild(host);
    shownBuild = status.build;
  }

  function apply(status) {
    if (loadedBuild === null) { loadedBuild = status.build; }
    if (status.ok) {
      if (status.build !== loadedBuild) {
        window.location.reload();
        return false;
      }
      hide();
    } else if (status.build !== dismissed) {
      show(status);
    }
    return true;
  }

  function poll() {
    fetch(STATUS, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { return status ? apply(status) : true; })
      .catch(function () { return true; }) // the preview was stopped: try again later
      .then(function (again) { if (again) { window.setTimeout(poll, 1000); } });
  }

  document.addEventListener("keydown", onKey);
  poll();
})();
