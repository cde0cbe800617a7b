/* The editing interface's previews: a notice as its published page shows it (the site's
 * stylesheet, the same summary box, prices in đồng and in words, dd/mm/yyyy dates, the
 * status by the site's status rule, applied by the site's own site.js), a news post as its
 * page. Labels, units, the status rule and the words of 0–999 come from portal-cms-data.js,
 * made by the build from the domain; nothing here is a second copy of a table or a rule.
 *
 * When the local editing server (`thads edit`) runs, it also answers /__quan-tri/kiem-tra
 * with the build's own checks of the entry, shown above the preview while editing.
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var DATA = window.PORTAL_CMS;
  if (!CMS || !DATA) {
    return;
  }
  CMS.registerPreviewStyle("../theme/css/site.css");
  CMS.registerPreviewStyle("portal-cms-preview.css");

  // Words Decap's Vietnamese translation leaves in English.
  var vi = CMS.getLocale && CMS.getLocale("vi");
  if (vi && vi.editor) {
    var widgets = vi.editor.editorWidgets = vi.editor.editorWidgets || {};
    widgets.list = Object.assign({}, widgets.list, { add: "Thêm %{item}", addType: "Thêm %{item}" });
    widgets.object = Object.assign({}, widgets.object, { expand: "Mở", collapse: "Thu gọn" });
    CMS.registerLocale("vi", vi);
  }

  // The body's image block, labelled in Vietnamese; its description is the image's alt text,
  // which the build requires (an image without one is refused).
  var IMAGE = /^!\[(.*)\]\((.*?)(\s"(.*)")?\)$/;
  CMS.registerEditorComponent({
    id: "image",
    label: "Ảnh",
    fields: [
      { label: "Ảnh", name: "image", widget: "image", choose_url: false, media_library: { allow_multiple: false } },
      { label: "Mô tả ảnh (cho người khiếm thị)", name: "alt", widget: "string" },
      { label: "Chú thích khi trỏ chuột", name: "title", widget: "string", required: false },
    ],
    pattern: IMAGE,
    fromBlock: function (match) {
      return { image: match[2], alt: match[1], title: match[4] };
    },
    toBlock: function (data) {
      var title = data.title ? " \"" + String(data.title).replace(/"/g, "'") + "\"" : "";
      return "![" + String(data.alt || "").replace(/[\[\]]/g, "") + "](" + (data.image || "") + title + ")";
    },
    toPreview: function (data, getAsset) {
      var source = data.image ? getAsset(data.image) : null;
      return h("img", { src: source ? source.toString() : "", alt: data.alt || "", title: data.title || "" });
    },
  });

  var MOMENT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?/;

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function moment(value) {
    var found = MOMENT.exec(String(value || ""));
    if (!found) {
      return null;
    }
    return {
      year: +found[1], month: +found[2], day: +found[3],
      hour: +(found[4] || 0), minute: +(found[5] || 0),
    };
  }

  function formatDate(value) {
    var m = moment(value);
    return m ? two(m.day) + "/" + two(m.month) + "/" + m.year : "";
  }

  function formatDatetime(value) {
    var m = moment(value);
    if (!m) {
      return "";
    }
    var date = formatDate(value);
    return m.hour || m.minute ? two(m.hour) + ":" + two(m.minute) + " ngày " + date : date;
  }

  // The instant a front-matter date names: content dates are Vietnam time (UTC+7).
  function instant(value) {
    var m = moment(value);
    return m ? Date.UTC(m.year, m.month - 1, m.day, m.hour - 7, m.minute) : null;
  }

  function formatNumber(amount) {
    return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function amount(value) {
    return value === undefined || value === null || value === "" ? null : Number(value);
  }

  function formatMoney(value) {
    var number = amount(value);
    return number === null ? "" : formatNumber(number) + " đồng";
  }

  // formatting.money_in_words, over the same table of the words of 0–999.
  function groupWords(group, first) {
    var words = DATA.numberWords[group];
    if (!first && group < 100) {
      words = "không trăm " + (group < 10 ? "linh " : "") + words;
    }
    return words;
  }

  function numberWords(number, first) {
    if (number >= 1e9) {
      var high = Math.floor(number / 1e9);
      var low = number % 1e9;
      var words = numberWords(high, first) + " tỷ";
      return low ? words + " " + numberWords(low, false) : words;
    }
    var parts = [];
    [["triệu", 1e6], ["nghìn", 1e3], ["", 1]].forEach(function (scale) {
      var group = Math.floor(number / scale[1]);
      number = number % scale[1];
      if (group) {
        parts.push((groupWords(group, first && !parts.length) + " " + scale[0]).trim());
      }
    });
    return parts.join(" ");
  }

  function moneyInWords(value) {
    var number = amount(value);
    if (number === null) {
      return "";
    }
    var words = number ? numberWords(number, true) : "không";
    return words.charAt(0).toUpperCase() + words.slice(1) + " đồng";
  }

  function atPlace(place) {
    if (!place) {
      return "";
    }
    if (place.slice(0, 4).toLowerCase() === "tại ") {
      place = place.slice(4).trim();
    }
    return "tại " + place;
  }

  // The status at this moment, by the site's own rule engine (theme/static/js/site.js, over
  // the rule the build embeds): the moments a notice's status depends on, from its form.
  function status(notice) {
    var override = notice.status === "cancelled" || notice.status === "postponed" ? notice.status : "";
    var auction = notice.notice_type === "auction";
    var period = (auction ? notice.registration : notice.application) || {};
    var moments = {
      opens: instant(period.from),
      deadline: instant(period.to),
      auction: instant(notice.auction && notice.auction.at),
    };
    return window.portalStatus.statusOf(moments, override, Date.now());
  }

  function row(label, value, wide) {
    return h("div", wide ? { className: "wide" } : {}, h("dt", {}, label), h("dd", {}, value));
  }

  function summary(notice) {
    var rows = [];
    var state = status(notice);
    rows.push(row("Tình trạng", [
      h("span", { className: "status status-" + state, key: "s" }, window.portalStatus.labels[state]),
      notice.status_reason ? " – " + notice.status_reason : "",
    ]));
    var assets = (notice.assets || []).map(function (asset, index) {
      var details = [];
      if (asset.quantity) details.push("; số lượng: " + asset.quantity);
      if (asset.quality) details.push("; chất lượng: " + asset.quality);
      if (asset.location) details.push("; nơi có tài sản: " + asset.location);
      if (asset.papers) details.push("; giấy tờ: " + asset.papers);
      return h("li", { key: index }, h("strong", {}, asset.name || ""), details.join(""));
    });
    rows.push(row("Tài sản", h("ul", { className: "assets" }, assets), true));
    var categories = [].concat(notice.asset_category || []).map(function (c) {
      return DATA.assetCategories[c] || c;
    });
    rows.push(row("Loại tài sản", (DATA.assetKinds[notice.asset_kind] || "") + " – " + categories.join("; ")));
    if (amount(notice.starting_price) !== null) {
      rows.push(row("Giá khởi điểm", [
        h("strong", { className: "price", key: "p" }, formatMoney(notice.starting_price)),
        h("br", { key: "b" }),
        h("span", { className: "in-words", key: "w" }, "(Bằng chữ: " + moneyInWords(notice.starting_price) + ")"),
        notice.vat ? [h("br", { key: "v" }), DATA.vat[notice.vat]] : null,
      ]));
    }
    if (amount(notice.deposit) !== null) rows.push(row("Tiền đặt trước", formatMoney(notice.deposit)));
    if (amount(notice.dossier_fee) !== null) rows.push(row("Tiền mua hồ sơ", formatMoney(notice.dossier_fee)));
    var viewing = notice.viewing;
    if (viewing && (viewing.from || viewing.to)) {
      rows.push(row("Xem tài sản", "Từ " + formatDatetime(viewing.from) + " đến " + formatDatetime(viewing.to) +
        (viewing.place ? "; " + atPlace(viewing.place) : "")));
    }
    [["registration", "Đăng ký tham gia"], ["application", "Nộp hồ sơ"]].forEach(function (pair) {
      var period = notice[pair[0]];
      if (period && (period.from || period.to)) {
        rows.push(row(pair[1], [
          "Từ " + formatDatetime(period.from) + " đến ",
          h("strong", { key: "t" }, formatDatetime(period.to)),
          period.place ? "; " + atPlace(period.place) : "",
          period.conditions ? [h("br", { key: "c" }), "Điều kiện: " + period.conditions] : null,
          period.method ? "; cách nộp: " + period.method : "",
        ], true));
      }
    });
    var auction = notice.auction;
    if (auction && auction.at) {
      rows.push(row("Thời gian, địa điểm đấu giá", [
        h("strong", { key: "a" }, formatDatetime(auction.at)), "; " + atPlace(auction.place || ""),
        h("br", { key: "b" }),
        (DATA.auctionForms[auction.form] || "") + "; " + (DATA.auctionMethods[auction.method] || "").toLowerCase(),
      ]));
    }
    if (notice.auctioneer && notice.auctioneer.name) {
      rows.push(row("Tổ chức đấu giá", notice.auctioneer.name +
        (notice.auctioneer.address ? ", " + notice.auctioneer.address : "")));
    }
    if ((notice.criteria || []).length) {
      rows.push(row("Tiêu chí lựa chọn", h("ul", {}, notice.criteria.map(function (item, index) {
        return h("li", { key: index }, item);
      })), true));
    }
    var unit = DATA.units[notice.unit];
    if (unit) {
      rows.push(row("Đơn vị đăng thông báo", unit.name + (unit.address ? ", " + unit.address : "") +
        (unit.phone ? "; điện thoại " + unit.phone : "")));
    }
    return h("section", { className: "summary-box" }, h("h2", {}, "Thông tin chính"), h("dl", {}, rows));
  }

  // The build's checks of this entry, from the local editing server when it runs.
  var Checks = createClass({
    getInitialState: function () {
      return { problems: null };
    },
    componentDidMount: function () {
      this.ask();
    },
    componentDidUpdate: function (previous) {
      if (previous.entry !== this.props.entry) {
        this.ask();
      }
    },
    componentWillUnmount: function () {
      clearTimeout(this.timer);
    },
    ask: function () {
      var self = this;
      if (!DATA.checkUrl) {
        return;
      }
      clearTimeout(this.timer);
      this.timer = setTimeout(function () {
        fetch(DATA.checkUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ collection: self.props.collection, data: self.props.entry }),
          credentials: "same-origin",
        })
          .then(function (response) { return response.json(); })
          .then(function (answer) { self.setState({ problems: answer.problems }); })
          .catch(function () { self.setState({ problems: null }); });
      }, 400);
    },
    render: function () {
      var problems = this.state.problems;
      if (!DATA.checkUrl) {
        return h("p", { className: "preview-note" },
          "Nội dung được kiểm tra theo quy định khi lưu; lỗi (nếu có) được báo tên trường và lý do.");
      }
      if (problems === null) {
        return null;
      }
      if (!problems.length) {
        return h("p", { className: "preview-checks preview-checks-ok", role: "status" },
          "Kiểm tra theo quy định: không có lỗi.");
      }
      return h("section", { className: "preview-checks", role: "alert" },
        h("h2", {}, "Cần sửa trước khi đăng (" + problems.length + ")"),
        h("ul", {}, problems.map(function (problem, index) {
          return h("li", { key: index }, problem);
        })));
    },
  });

  function entryData(entry) {
    var data = entry.get("data");
    return data && data.toJS ? data.toJS() : {};
  }

  var NoticePreview = createClass({
    render: function () {
      var notice = entryData(this.props.entry);
      var kicker = DATA.noticeTypes[notice.notice_type] || "";
      if (notice.notice_type === "auction" && notice.announcement) kicker += " · Thông báo công khai lần " + notice.announcement;
      if (notice.notice_type === "auction" && notice.round > 1) kicker += " · Đấu giá lần " + notice.round;
      var unit = DATA.units[notice.unit];
      return h("main", { className: "container" },
        h(Checks, { entry: notice, collection: this.props.collection.get("name") }),
        h("article", { className: "notice" },
          h("header", { className: "post-header" },
            h("p", { className: "card-kicker" }, kicker),
            h("h1", {}, notice.title || ""),
            h("p", { className: "meta" }, "Đăng ngày " + formatDate(notice.date) + (unit ? " · " + unit.name : ""))),
          summary(notice),
          h("div", { className: "prose" }, this.props.widgetFor("body"))));
    },
  });

  var NewsPreview = createClass({
    render: function () {
      var post = entryData(this.props.entry);
      var image = post.image ? this.props.getAsset(post.image) : null;
      return h("main", { className: "container" },
        h(Checks, { entry: post, collection: this.props.collection.get("name") }),
        h("article", { className: "post" },
          h("header", { className: "post-header" },
            h("h1", {}, post.title || ""),
            h("p", { className: "meta" }, "Đăng ngày " + formatDate(post.date) + (post.category ? " · " + post.category : ""))),
          image ? h("img", { src: image.toString(), alt: post.image_alt || "" }) : null,
          h("div", { className: "prose" }, this.props.widgetFor("body"))));
    },
  });

  DATA.noticeCollections.forEach(function (name) {
    CMS.registerPreviewTemplate(name, NoticePreview);
  });
  CMS.registerPreviewTemplate(DATA.newsCollection, NewsPreview);

  // For the tests: the same formatting the previews use.
  window.PORTAL_CMS_FORMAT = { money: formatMoney, moneyInWords: moneyInWords, datetime: formatDatetime, date: formatDate };
})();
