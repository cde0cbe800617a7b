// Filters a long list by name as the reader types, with or without diacritics, and
// combines the select boxes of a listing (type and year…). Without JavaScript the whole
// list is shown, and the plain filter links still open one listing per filter.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFC").toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "");
  }
  document.querySelectorAll("[data-filter-for]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filter-for"));
    var input = box.querySelector("input");
    var count = box.querySelector("[data-filter-count]");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-text]"));
    var keys = items.map(function (item) { return fold(item.getAttribute("data-filter-text")); });
    function update() {
      var query = fold(input.value.trim()).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, index) {
        var match = query.every(function (word) { return keys[index].indexOf(word) >= 0; });
        item.hidden = !match;
        if (match) { shown++; }
      });
      count.textContent = "Đang hiện " + shown + "/" + items.length + " người";
    }
    input.addEventListener("input", update);
    box.hidden = false;
    update();
  });
  // Select boxes named after the rows' data attributes (data-type, data-year…); the choice is
  // kept in the address (?type=luat&year=2015) so it can be shared and survives a reload.
  document.querySelectorAll("[data-combined-for]").forEach(function (form) {
    var rows = Array.prototype.slice.call(document.getElementById(form.getAttribute("data-combined-for")).querySelectorAll("tbody tr"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-filter-count]");
    var noun = form.getAttribute("data-filter-noun");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector("option[value='" + CSS.escape(wanted) + "']")) { select.value = wanted; }
    });
    function update() {
      var shown = 0;
      var query = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) { query.set(select.name, select.value); } });
      rows.forEach(function (row) {
        var match = selects.every(function (select) {
          return !select.value || row.getAttribute("data-" + select.name) === select.value;
        });
        row.hidden = !match;
        if (match) { shown++; }
      });
      count.textContent = "Đang hiện " + shown + "/" + rows.length + " " + noun;
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    }
    selects.forEach(function (select) { select.addEventListener("change", update); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    update();
  });
})();
