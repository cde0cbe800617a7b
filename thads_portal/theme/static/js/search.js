// Site search over the static index written by plugins/search (see index.py for the layout).
// State lives in the URL (q, type, unit, asset, status, min_price, max_price, auction_from,
// auction_to, posted_from, posted_to, sort) so a search can be bookmarked, shared and walked
// with Back/Forward. Content is inserted as text.
// Prices are read as people write them ("1,5 tỷ", "500 triệu", "1.000.000.000 đ": `readPrice`)
// and written to the URL as whole đồng in digits (min_price=1500000000), the form every
// earlier link has; a price that cannot be read is left out of the URL and does not filter.
// Dates are YYYY-MM-DD days in Vietnam, both ends included.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.URLSearchParams) { return; }
  var BASE = form.getAttribute("data-index");
  var FACETS = ["type", "status", "asset", "unit"];
  var PRICES = ["min_price", "max_price"];
  var DATES = ["auction_from", "auction_to", "posted_from", "posted_to"];
  var LABEL_KEYS = { type: "types", status: "statuses", asset: "assets", unit: "units" };
  // A notice has several asset categories: its `asset` column holds a bit per category
  // (bit n: the n-th label); the other columns hold one label index, -1 for none.
  var MULTI = FACETS.map(function (facet) { return facet === "asset"; });
  var FIELD_SCORES = [[8, 6], [4, 3], [2, 2], [1, 1]]; // title, facts, summary, body
  // Results shown at once, then "Xem thêm": a phone screen holds about three, and every new
  // card is laid out again on each keystroke.
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 120; // wait while typing, unless the words' index files are loaded already
  var MAX_SHORT_BUCKETS = 12; // a 1–2 letter last word is prefix-matched over at most this many buckets
  var VN_OFFSET_MINUTES = 7 * 60;
  var PRICE_NOTE_MS = 400; // the understood price is written once typing pauses
  var input = document.getElementById("search-q");
  var results = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  var foundNote = document.getElementById("search-found"); // beside the filters, read out politely
  var empty = document.getElementById("search-empty");
  var more = document.getElementById("search-more");
  var failure = document.getElementById("search-error");
  var files = {};
  var meta, facets, bucketSet, hasStatus;
  var ready = null;
  var current = 0; // sequence number of the newest search
  var shown = PAGE_SIZE;
  var typing = false; // a typing session started (and pushed or will push one history entry)
  var pendingPush = false; // the next URL update of this typing session adds a history entry
  var known = {}; // filter values the form offers; others in the URL are ignored
  var aliases = {}; // an old value (a renamed unit's id) → the value that replaced it
  FACETS.forEach(function (facet) {
    aliases[facet] = {};
    known[facet] = Array.prototype.map.call(form.querySelectorAll("input[name=" + facet + "]"),
      function (box) {
        (box.getAttribute("data-aliases") || "").split(" ").forEach(function (old) {
          if (old) { aliases[facet][old] = box.value; }
        });
        return box.value;
      });
  });
  known.sort = Array.prototype.map.call(form.elements.sort.options, function (option) { return option.value; });

  // A failed request is forgotten, so that the next search tries again.
  function load(path) {
    if (!files[path]) {
      files[path] = fetch(BASE + path).then(function (response) {
        if (!response.ok) { throw new Error(path + ": " + response.status); }
        return response.json();
      }).catch(function (error) {
        delete files[path];
        throw error;
      });
    }
    return files[path];
  }
  // Meta and filter columns, needed before any search; a failed load is tried again.
  function indexReady() {
    if (!ready) {
      ready = Promise.all([load("meta.json"), load("facets.json")]).then(function (loaded) {
        meta = loaded[0];
        facets = prepare(loaded[1]);
        STATUS_IDS = meta.labels.statuses.map(function (entry) { return entry[0]; });
        hasStatus = meta.labels.types.map(function (entry) { return meta.statusTypes.indexOf(entry[0]) >= 0; });
        bucketSet = {};
        meta.buckets.forEach(function (key) { bucketSet[key] = true; });
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  // --- Vietnamese text: the same words and folding as thads_portal/pelican/search/index.py ---
  function words(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }
  function fold(word) {
    return word.replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  }

  // --- URL state ---
  function readState() {
    var params = new URLSearchParams(window.location.search);
    var sort = params.get("sort") || "";
    var state = { q: params.get("q") || "", sort: known.sort.indexOf(sort) >= 0 ? sort : "" };
    FACETS.forEach(function (facet) {
      state[facet] = params.getAll(facet)
        .map(function (value) { return aliases[facet][value] || value; })
        .filter(function (value, index, all) { return known[facet].indexOf(value) >= 0 && all.indexOf(value) === index; });
    });
    state.typed = {}; // the prices as the URL writes them, shown so in their fields
    PRICES.forEach(function (name) {
      state[name] = price(params.get(name));
      state.typed[name] = params.get(name) || "";
    });
    DATES.forEach(function (name) { state[name] = day(params.get(name)); });
    return state;
  }
  // A price bound as digits ("1,5 tỷ" → "1500000000"), "" when there is none or it cannot be
  // read (a negative one, words that are no amount).
  function price(value) {
    var amount = readPrice(value);
    return amount ? String(amount) : "";
  }
  var PRICE_UNITS = { ty: 1e9, ti: 1e9, trieu: 1e6, tr: 1e6, nghin: 1e3, ngan: 1e3, k: 1e3 };
  // One amount: "1.000.000" (dots or spaces between groups of three digits), "1,000,000"
  // (two or more commas), or a number with one decimal comma or point ("1,5"), then a unit.
  var PRICE_PIECE = /^\s*(\d{1,3}(?:[. ]\d{3})+(?!\d)|\d{1,3}(?:,\d{3}){2,}(?!\d)|\d+(?:[.,]\d+)?)\s*(ty|ti|trieu|tr|nghin|ngan|k)?(?![a-z0-9])/;
  // A price as people write it, in whole đồng: "" for an empty field, null when it cannot be
  // read. Accents are optional ("1,5 ty"); pieces add up from the largest unit down
  // ("1 tỷ 200 triệu"); "đồng", "đ", "vnđ" may follow.
  function readPrice(value) {
    var text = fold((value || "").normalize("NFC").toLowerCase()).trim();
    if (!text) { return ""; }
    text = text.replace(/\s*(?:dong|vnd|d)\.?$/, "");
    if (!text) { return null; } // a currency alone
    var total = 0, last = Infinity, pieces = 0, match;
    while (text) {
      match = PRICE_PIECE.exec(text);
      if (!match) { return null; }
      var unit = match[2] ? PRICE_UNITS[match[2]] : 1;
      if (unit >= last || (!match[2] && pieces)) { return null; }
      var digits = /^\d{1,3}(?:[. ]\d{3})+$|,\d{3},/.test(match[1]) ? match[1].replace(/\D/g, "") : match[1].replace(",", ".");
      total += Number(digits) * unit;
      last = unit;
      pieces++;
      text = text.slice(match[0].length).trim();
    }
    total = Math.round(total);
    return Number.isSafeInteger(total) ? total : null;
  }
  // A day as YYYY-MM-DD when it is one ("" otherwise): what <input type=date> gives.
  function day(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!match) { return ""; }
    var date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3] ? value : "";
  }
  // Days since 1970-01-01 of a YYYY-MM-DD day.
  function dayNumber(value) {
    var parts = value.split("-");
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) / 86400000;
  }
  function queryString(state) {
    var params = new URLSearchParams();
    if (state.q) { params.append("q", state.q); }
    FACETS.forEach(function (facet) {
      state[facet].forEach(function (value) { params.append(facet, value); });
    });
    PRICES.concat(DATES).forEach(function (name) {
      if (state[name]) { params.append(name, state[name]); }
    });
    if (state.sort) { params.append("sort", state.sort); }
    var text = params.toString();
    return text ? "?" + text : window.location.pathname;
  }
  function formState() {
    var state = { q: input.value, sort: form.elements.sort.value };
    FACETS.forEach(function (facet) {
      state[facet] = Array.prototype.filter.call(form.querySelectorAll("input[name=" + facet + "]"),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    PRICES.forEach(function (name) { state[name] = price(form.elements[name].value); });
    DATES.forEach(function (name) { state[name] = day(form.elements[name].value); });
    return state;
  }
  function showState(state) {
    input.value = state.q;
    form.elements.sort.value = state.sort;
    FACETS.forEach(function (facet) {
      form.querySelectorAll("input[name=" + facet + "]").forEach(function (box) {
        box.checked = state[facet].indexOf(box.value) >= 0;
      });
    });
    PRICES.forEach(function (name) {
      form.elements[name].value = state.typed ? state.typed[name] : state[name];
      notePrice(name);
    });
    DATES.forEach(function (name) { form.elements[name].value = state[name]; });
  }
  // How a price field was understood, beside it ("= 1.500.000.000 đồng").
  function notePrice(name) {
    var note = document.getElementById(name + "-read");
    var amount = readPrice(form.elements[name].value);
    setText(note, amount === null ? "Không hiểu giá này. Hãy gõ, ví dụ: 500 triệu, 1,5 tỷ hoặc 1.000.000.000"
      : amount === "" ? "" : "= " + money(amount));
    note.classList.toggle("price-unread", amount === null);
  }

  // --- The index in memory: filter columns decoded once into typed arrays ---
  function decodeTimes(column, bases) {
    var out = new Float64Array(column.length), previous = 0;
    for (var i = 0; i < column.length; i++) {
      if (column[i] === null) { continue; }
      out[i] = column[i] + (bases ? bases[i] : previous);
      previous = out[i];
    }
    return out;
  }
  function prepare(raw) {
    var opens = decodeTimes(raw.opens, null);
    var deadline = decodeTimes(raw.deadline, opens);
    return {
      type: Int8Array.from(raw.type), unit: Int16Array.from(raw.unit), asset: Int32Array.from(raw.asset),
      price: Float64Array.from(raw.price, function (k) { return k * 1000; }),
      opens: opens, deadline: deadline, auction: decodeTimes(raw.auction, deadline),
      override: Int8Array.from(raw.override),
      published: decodeTimes(raw.published, null) // days since 1970 in Vietnam; 0: no date
    };
  }
  var STATUS_IDS = [];
  var statusCache = { minute: -1, values: null };
  // Status index per record (-1 but for notices), recomputed when the minute changes.
  function statuses(now) {
    if (statusCache.minute === now) { return statusCache.values; }
    var values = new Int8Array(meta.count);
    for (var doc = 0; doc < meta.count; doc++) {
      if (!hasStatus[facets.type[doc]]) { values[doc] = -1; continue; }
      var override = facets.override[doc] ? meta.overrides[facets.override[doc] - 1] : "";
      var moments = { opens: facets.opens[doc], deadline: facets.deadline[doc], auction: facets.auction[doc] };
      values[doc] = STATUS_IDS.indexOf(window.portalStatus.statusOf(moments, override, now));
    }
    statusCache = { minute: now, values: values };
    return values;
  }

  // --- Matching and ranking ---
  // Score of a posting by the fields it occurs in (bits: title, facts, summary, body).
  var FIELD_SCORE = new Float64Array(16);
  for (var bits = 0; bits < 16; bits++) {
    FIELD_SCORES.forEach(function (pair) { if (bits & pair[0]) { FIELD_SCORE[bits] += pair[1]; } });
  }
  var matches = {}; // per query word: {docs, scores, exact}, kept while the page lives
  // Every record matching one query word: parallel arrays of record numbers (ascending),
  // scores and exact-spelling flags.
  function matchWord(step) {
    var cacheKey = step.word + (step.prefix ? "*" : "");
    if (matches[cacheKey]) { return Promise.resolve(matches[cacheKey]); }
    return Promise.all(step.keys.map(function (key) { return load("t/" + key + ".json"); })).then(function (buckets) {
      var lists = [];
      buckets.forEach(function (bucket) {
        Object.keys(bucket).forEach(function (term) {
          if (term === step.folded || (step.prefix && term.indexOf(step.folded) === 0)) {
            lists.push(decode(term, bucket[term], step.word, step.folded));
          }
        });
      });
      matches[cacheKey] = collect(lists);
      return matches[cacheKey];
    });
  }
  // The query's words with the term buckets each needs. The last word, unless followed by a
  // space, is a prefix; shorter than a bucket key it needs every bucket starting with it, and
  // is left out while those are too many (a word's first letter).
  function plan(q) {
    var list = words(q), unfinished = !/\s$/.test(q);
    return list.map(function (word, i) {
      var folded = fold(word), prefix = unfinished && i === list.length - 1, key = folded.slice(0, meta.keyLength);
      var keys = prefix && folded.length < meta.keyLength
        ? meta.buckets.filter(function (bucket) { return bucket.indexOf(folded) === 0; })
        : bucketSet[key] ? [key] : [];
      return { word: word, folded: folded, prefix: prefix, keys: keys };
    }).filter(function (step) { return step.keys.length <= MAX_SHORT_BUCKETS; });
  }
  function decode(term, entry, word, folded) {
    var variants = entry[0], flat = entry[1], count = flat.length / 3;
    var docs = new Int32Array(count), scores = new Float64Array(count), exact = new Uint8Array(count);
    var exactBit = variants.indexOf(word);
    var idf = Math.log(1 + meta.count / count), weight = term === folded ? idf : idf * 0.6;
    for (var i = 0, n = 0, doc = 0; n < count; i += 3, n++) {
      doc += flat[i];
      docs[n] = doc;
      scores[n] = weight * FIELD_SCORE[flat[i + 1]];
      exact[n] = exactBit >= 0 && (flat[i + 2] & (1 << exactBit)) ? 1 : 0;
    }
    return { docs: docs, scores: scores, exact: exact };
  }
  // Several terms of one word (a prefix): one list, each record's best score.
  function collect(lists) {
    if (lists.length === 1) { return lists[0]; }
    var best = new Float64Array(meta.count), exact = new Uint8Array(meta.count), seen = new Uint8Array(meta.count);
    lists.forEach(function (list) {
      for (var n = 0; n < list.docs.length; n++) {
        var doc = list.docs[n];
        seen[doc] = 1;
        if (list.scores[n] > best[doc]) { best[doc] = list.scores[n]; }
        if (list.exact[n]) { exact[doc] = 1; }
      }
    });
    var docs = [];
    for (var doc = 0; doc < meta.count; doc++) { if (seen[doc]) { docs.push(doc); } }
    return {
      docs: Int32Array.from(docs),
      scores: Float64Array.from(docs, function (d) { return best[d]; }),
      exact: Uint8Array.from(docs, function (d) { return exact[d]; })
    };
  }
  // Records matching every word: {docs (ascending), score, exact} with per-record arrays.
  function matchQuery(q) {
    var list = plan(q);
    if (!list.length) { return Promise.resolve(null); }
    return Promise.all(list.map(matchWord)).then(function (perWord) {
      var hits = new Uint8Array(meta.count), score = new Float64Array(meta.count);
      var exact = new Uint8Array(meta.count), smallest = perWord[0];
      perWord.forEach(function (found, i) {
        var accented = list[i].word !== list[i].folded;
        if (found.docs.length < smallest.docs.length) { smallest = found; }
        for (var n = 0; n < found.docs.length; n++) {
          var doc = found.docs[n];
          hits[doc]++;
          score[doc] += found.scores[n];
          if (accented && found.exact[n]) { exact[doc]++; }
        }
      });
      var docs = [];
      for (var n = 0; n < smallest.docs.length; n++) {
        if (hits[smallest.docs[n]] === list.length) { docs.push(smallest.docs[n]); }
      }
      return { docs: docs, score: score, exact: exact };
    });
  }

  // --- Filters and counts ---
  function nowMinutes() { return Math.floor(Date.now() / 60000); }
  function statusId(doc, now) {
    var index = statuses(now)[doc];
    return index < 0 ? null : STATUS_IDS[index];
  }
  // Per filter: which value indexes are chosen (null when the filter is off).
  function chosen(state, facet) {
    if (!state[facet].length) { return null; }
    var labels = meta.labels[LABEL_KEYS[facet]], picked = new Uint8Array(labels.length);
    labels.forEach(function (entry, index) { if (state[facet].indexOf(entry[0]) >= 0) { picked[index] = 1; } });
    return picked;
  }
  // The chosen values of a bit column as one mask (0 when the filter is off).
  function bitsOf(picked) {
    var mask = 0;
    if (picked) { picked.forEach(function (on, index) { if (on) { mask |= 1 << index; } }); }
    return mask;
  }
  // Does a record's value pass filter f (on)? A bit column passes with any chosen bit.
  function passes(f, value, picked, mask) {
    return MULTI[f] ? (value & mask) !== 0 : value >= 0 && picked[value] === 1;
  }
  // A record counts once under each of its values of filter f.
  function countInto(f, value, counts) {
    if (!MULTI[f]) {
      if (value >= 0) { counts[value]++; }
      return;
    }
    for (var bit = 0; value >> bit; bit++) { if ((value >> bit) & 1) { counts[bit]++; } }
  }
  // Counts per filter value are taken with every other filter applied (not its own).
  function filter(state, matched) {
    var now = nowMinutes(), status = statuses(now);
    var columns = { type: facets.type, unit: facets.unit, asset: facets.asset, status: status };
    var picks = FACETS.map(function (facet) { return chosen(state, facet); });
    var masks = picks.map(bitsOf);
    var counts = FACETS.map(function (facet) { return new Int32Array(meta.labels[LABEL_KEYS[facet]].length); });
    var cols = FACETS.map(function (facet) { return columns[facet]; });
    var min = state.min_price ? Number(state.min_price) : 0, max = state.max_price ? Number(state.max_price) : 0;
    var priced = min || max, hits = [];
    // Auction times (minutes, UTC) from the start of the first day in Vietnam to before the
    // day after the last; publication days as day numbers, both included.
    var auctionFrom = state.auction_from ? dayNumber(state.auction_from) * 1440 - VN_OFFSET_MINUTES : 0;
    var auctionBefore = state.auction_to ? (dayNumber(state.auction_to) + 1) * 1440 - VN_OFFSET_MINUTES : 0;
    var postedFrom = state.posted_from ? dayNumber(state.posted_from) : 0;
    var postedTo = state.posted_to ? dayNumber(state.posted_to) : 0;
    var auctioned = auctionFrom || auctionBefore, posted = postedFrom || postedTo;
    var docs = matched ? matched.docs : null, total = docs ? docs.length : meta.count;
    for (var n = 0; n < total; n++) {
      var doc = docs ? docs[n] : n;
      if (priced) {
        var price = facets.price[doc];
        if (!price || (min && price < min) || (max && price > max)) { continue; }
      }
      if (auctioned) {
        var auction = facets.auction[doc];
        if (!auction || (auctionFrom && auction < auctionFrom) || (auctionBefore && auction >= auctionBefore)) { continue; }
      }
      if (posted) {
        var published = facets.published[doc];
        if (!published || (postedFrom && published < postedFrom) || (postedTo && published > postedTo)) { continue; }
      }
      var failed = -1, failures = 0;
      for (var f = 0; f < 4; f++) {
        if (picks[f] && !passes(f, cols[f][doc], picks[f], masks[f])) { failed = f; failures++; }
      }
      if (failures > 1) { continue; }
      for (f = 0; f < 4; f++) {
        if (failures === 0 || failed === f) { countInto(f, cols[f][doc], counts[f]); }
      }
      if (failures === 0) { hits.push(doc); }
    }
    var named = {};
    FACETS.forEach(function (facet, f) {
      named[facet] = {};
      meta.labels[LABEL_KEYS[facet]].forEach(function (entry, index) { named[facet][entry[0]] = counts[f][index]; });
    });
    return { hits: hits, counts: named, now: now };
  }
  // The first `limit` hits in the chosen order (only those are shown; no full sort).
  function firstHits(hits, state, matched, now, limit) {
    var sort = state.sort || (matched ? "" : "date");
    var before;
    if (sort === "date" || (!matched && sort !== "auction")) {
      return hits.slice(0, limit); // record order is newest first
    }
    if (sort === "auction") {
      before = function (a, b) {
        var x = facets.auction[a], y = facets.auction[b];
        if (!x || !y) { return (!x) - (!y) || a - b; }
        var xFuture = x >= now, yFuture = y >= now;
        if (xFuture !== yFuture) { return xFuture ? -1 : 1; }
        return (xFuture ? x - y : y - x) || a - b;
      };
    } else {
      before = function (a, b) {
        return matched.exact[b] - matched.exact[a] || matched.score[b] - matched.score[a] || a - b;
      };
    }
    var top = [];
    for (var n = 0; n < hits.length; n++) {
      var doc = hits[n];
      if (top.length === limit && before(doc, top[limit - 1]) >= 0) { continue; }
      var at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && before(doc, top[at - 1]) < 0) { top[at] = top[at - 1]; at--; }
      top[at] = doc;
    }
    return top;
  }

  // --- Rendering (text only, never HTML from the index) ---
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function money(value) { return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đồng"; }
  function pad(number) { return number < 10 ? "0" + number : String(number); }
  function dateTime(minutes) {
    var local = new Date((minutes + VN_OFFSET_MINUTES) * 60000);
    return pad(local.getUTCHours()) + ":" + pad(local.getUTCMinutes()) + " ngày " +
      pad(local.getUTCDate()) + "/" + pad(local.getUTCMonth() + 1) + "/" + local.getUTCFullYear();
  }
  function fact(list, term, value) {
    var row = element("div");
    row.appendChild(element("dt", "", term));
    row.appendChild(element("dd", "", value));
    list.appendChild(row);
  }
  function resultItem(doc, display, now) {
    var type = meta.labels.types[facets.type[doc]];
    var item = element("li", "search-result");
    var heading = element("h2", "result-title");
    var link = element("a", "", display[0]);
    link.href = display[1];
    heading.appendChild(link);
    item.appendChild(heading);
    var line = element("p", "result-meta");
    line.appendChild(element("span", "badge", type[1]));
    if (facets.unit[doc] >= 0) { line.appendChild(element("span", "result-unit", meta.labels.units[facets.unit[doc]][1])); }
    var status = statusId(doc, now);
    if (status) {
      line.appendChild(element("span", "status status-" + status, window.portalStatus.labels[status]));
    }
    item.appendChild(line);
    var list = element("dl", "result-facts");
    if (display[4]) { fact(list, "Giá khởi điểm", money(display[4])); }
    if (facets.auction[doc]) { fact(list, "Đấu giá", dateTime(facets.auction[doc])); }
    else if (facets.deadline[doc]) { fact(list, "Hạn nộp hồ sơ", dateTime(facets.deadline[doc])); }
    if (display[3]) { fact(list, "Ngày đăng", display[3]); }
    item.appendChild(list);
    if (display[2]) { item.appendChild(element("p", "result-summary", display[2])); }
    return item;
  }
  // Only what changed is touched: every text or class written costs layout on the next frame.
  function setText(node, text) {
    if (node.textContent !== text) { node.textContent = text; }
  }
  var countNodes = null;
  function showCounts(counts) {
    countNodes = countNodes || Array.prototype.map.call(form.querySelectorAll("[data-facet-count]"), function (node) {
      return { node: node, key: node.getAttribute("data-facet-count").split(":"), value: null };
    });
    countNodes.forEach(function (entry) {
      var value = counts[entry.key[0]][entry.key[1]] || 0;
      if (value === entry.value) { return; }
      entry.node.textContent = "(" + value + ")";
      entry.node.parentNode.classList.toggle("facet-empty", value === 0);
      entry.value = value;
    });
  }
  // Result cards are kept by document and status, so a card still in the results is moved
  // (or left where it is), not built again.
  var cards = new Map();
  function showResults(page, rows, now) {
    var kept = new Map();
    page.forEach(function (doc, position) {
      var key = doc + ":" + statusId(doc, now);
      var card = cards.get(key) || resultItem(doc, rows(doc), now);
      kept.set(key, card);
      var here = results.children[position];
      if (here !== card) { results.insertBefore(card, here || null); }
    });
    while (results.children.length > page.length) { results.lastElementChild.remove(); }
    cards = kept;
  }
  function hasFilters(state) {
    return FACETS.some(function (facet) { return state[facet].length; }) ||
      PRICES.concat(DATES).some(function (name) { return state[name]; });
  }

  function run(state) {
    var sequence = ++current;
    var started = performance.now();
    results.setAttribute("aria-busy", "true");
    var steps = {};
    return indexReady().then(function () { return matchQuery(state.q); }).then(function (matched) {
      steps.match = performance.now() - started;
      var found = filter(state, matched);
      steps.filter = performance.now() - started;
      var hits = found.hits;
      var page = firstHits(hits, state, matched, found.now, shown);
      steps.order = performance.now() - started;
      var chunks = {};
      page.forEach(function (doc) { chunks[Math.floor(doc / meta.chunk)] = true; });
      return Promise.all(Object.keys(chunks).map(function (n) {
        return load("d/" + n + ".json").then(function (rows) { chunks[n] = rows; });
      })).then(function () {
        if (sequence !== current) { return; }
        showResults(page, function (doc) { return chunks[Math.floor(doc / meta.chunk)][doc % meta.chunk]; }, found.now);
        showCounts(found.counts);
        setText(count, hits.length ? "Tìm thấy " + hits.length + " kết quả" : "Không tìm thấy kết quả nào");
        setText(foundNote, hits.length ? hits.length + " kết quả" : "Không có kết quả");
        count.setAttribute("data-count", String(hits.length));
        empty.hidden = hits.length > 0;
        failure.hidden = true;
        document.getElementById("search-empty-clear").hidden = !hasFilters(state);
        more.hidden = hits.length <= page.length;
        results.setAttribute("aria-busy", "false");
        window.portalSearch.lastMs = performance.now() - started;
        window.portalSearch.lastSteps = steps;
      });
    }).catch(function () {
      if (sequence !== current) { return; }
      results.replaceChildren();
      cards = new Map();
      count.textContent = "Không tải được kết quả tìm kiếm.";
      foundNote.textContent = "Không tải được kết quả";
      count.removeAttribute("data-count");
      empty.hidden = more.hidden = true;
      failure.hidden = false;
      results.setAttribute("aria-busy", "false");
    });
  }

  function update(push) {
    var state = formState();
    var target = queryString(state);
    if (target !== window.location.search && target !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", target);
    }
    shown = PAGE_SIZE;
    return run(state);
  }

  // Waiting is only worth it while the words' term buckets still have to be fetched.
  function delayFor(q) {
    var fetching = !meta || plan(q).some(function (step) {
      return step.keys.some(function (key) { return !files["t/" + key + ".json"]; });
    });
    return fetching ? DEBOUNCE_MS : 0;
  }
  var timer = null;
  input.addEventListener("input", function () {
    // A typing session adds one history entry (when its first update runs); later keystrokes
    // refine it.
    pendingPush = pendingPush || !typing;
    typing = true;
    window.clearTimeout(timer);
    var delay = delayFor(input.value);
    if (delay) { timer = window.setTimeout(typed, delay); } else { typed(); }
  });
  function typed() {
    var push = pendingPush;
    pendingPush = false;
    update(push);
  }
  function stopTyping() {
    window.clearTimeout(timer);
    typing = pendingPush = false;
  }
  form.addEventListener("change", function (event) {
    if (event.target === input) { return; }
    stopTyping();
    update(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stopTyping();
    update(false);
  });
  document.getElementById("search-clear").addEventListener("click", function () {
    var state = formState();
    var cleared = { q: state.q, sort: state.sort, type: [], status: [], asset: [], unit: [] };
    PRICES.concat(DATES).forEach(function (name) { cleared[name] = ""; });
    showState(cleared);
    stopTyping();
    update(true);
  });
  // The understood price is written while typing pauses, and at once when the field changes
  // (the search runs then).
  PRICES.forEach(function (name) {
    var noteTimer = null;
    form.elements[name].addEventListener("input", function () {
      window.clearTimeout(noteTimer);
      noteTimer = window.setTimeout(function () { notePrice(name); }, PRICE_NOTE_MS);
    });
    form.elements[name].addEventListener("change", function () {
      window.clearTimeout(noteTimer);
      notePrice(name);
    });
  });
  document.getElementById("search-retry").addEventListener("click", function () { run(formState()); });
  document.getElementById("search-empty-clear").addEventListener("click", function () {
    document.getElementById("search-clear").click();
  });
  more.addEventListener("click", function () {
    shown += PAGE_SIZE;
    run(formState());
  });
  window.addEventListener("popstate", function () {
    stopTyping();
    var state = readState();
    showState(state);
    shown = PAGE_SIZE;
    run(state);
  });

  // Down to the results (on a phone they are below the filters), the keyboard focus with them.
  document.getElementById("search-jump").addEventListener("click", function (event) {
    event.preventDefault();
    count.scrollIntoView({ block: "start" });
    count.focus({ preventScroll: true });
  });

  window.portalSearch = { run: run, words: words, fold: fold, lastMs: null, debounceMs: DEBOUNCE_MS };
  form.hidden = false;
  var initial = readState();
  showState(initial);
  run(initial);
})();
