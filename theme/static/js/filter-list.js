// Filters a long list by name as the reader types, with or without diacritics.
// Without JavaScript the whole list is shown.
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
})();
