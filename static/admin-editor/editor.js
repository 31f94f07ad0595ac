/*
 * Tuyên giáo CMS — the article body editor of the admin (no library, no CDN).
 *
 * Turns <textarea data-rich-text> into a contenteditable editor with a Vietnamese
 * toolbar: paragraph, headings, bold, italic, lists, quote, link, table, the article's
 * images (placed as <figure data-image="N"></figure> markers, N = the image's number),
 * undo/redo and an HTML view. The textarea stays the form field: it is updated on every
 * change and on submit. Without JavaScript the textarea is used as it is.
 *
 * Every piece of HTML that enters the editor (the stored body, a paste, a drop, the HTML
 * view) goes through clean(): parsed in an inert document and rebuilt from an allow-list,
 * so pasted script or event handlers never run in the admin. The server sanitises again
 * on save (articles/sanitize.py): this is a convenience, not the guard.
 */
(function () {
  "use strict";

  var ALLOWED = {
    P: [], BR: [], HR: [], STRONG: [], EM: [], U: [], S: [], SUB: [], SUP: [], MARK: [],
    SMALL: [], H2: [], H3: [], H4: [], BLOCKQUOTE: [], Q: [], CITE: [], ABBR: ["title"],
    UL: [], OL: ["start"], LI: [], DL: [], DT: [], DD: [], A: ["href", "title"],
    TABLE: [], CAPTION: [], THEAD: [], TBODY: [], TFOOT: [], TR: [],
    TH: ["colspan", "rowspan", "scope"], TD: ["colspan", "rowspan"], FIGURE: ["data-image"]
  };
  var RENAME = { B: "STRONG", I: "EM", H1: "H2", H5: "H4", H6: "H4", DIV: "P", SECTION: "P", ARTICLE: "P" };
  var DROP = /^(SCRIPT|STYLE|IFRAME|FRAME|OBJECT|EMBED|TEMPLATE|NOSCRIPT|SVG|MATH|LINK|META|BASE|FORM|INPUT|BUTTON|SELECT|TEXTAREA|VIDEO|AUDIO|CANVAS|IMG|PICTURE|SOURCE|HEAD|TITLE)$/;
  var SAFE_URL = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;
  var NUMBER = /^\d{1,5}$/;

  function clean(html) {
    var src = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    var out = document.implementation.createHTMLDocument("");
    var root = out.createElement("div");
    copyChildren(src.body, root, out);
    return root.innerHTML;
  }

  function copyChildren(from, to, doc) {
    for (var node = from.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        to.appendChild(doc.createTextNode(node.nodeValue));
      } else if (node.nodeType === 1) {
        copyElement(node, to, doc);
      }
    }
  }

  function copyElement(el, to, doc) {
    var tag = el.tagName.toUpperCase();
    if (DROP.test(tag)) { return; }
    tag = RENAME[tag] || tag;
    if (tag === "FIGURE") {
      var n = el.getAttribute("data-image");
      if (n && NUMBER.test(n)) {
        var fig = doc.createElement("figure");
        fig.setAttribute("data-image", String(parseInt(n, 10)));
        to.appendChild(fig);
      } else {
        copyChildren(el, to, doc);
      }
      return;
    }
    if (!ALLOWED.hasOwnProperty(tag)) {
      copyChildren(el, to, doc); // unknown wrapper (span, font, ...): keep its text
      return;
    }
    var copy = doc.createElement(tag.toLowerCase());
    ALLOWED[tag].forEach(function (name) {
      var value = el.getAttribute(name);
      if (value === null) { return; }
      value = value.trim();
      if (name === "href" && !SAFE_URL.test(value)) { return; }
      if ((name === "colspan" || name === "rowspan" || name === "start") && !NUMBER.test(value)) { return; }
      copy.setAttribute(name, value);
    });
    if (tag === "A" && copy.hasAttribute("href")) { copy.setAttribute("rel", "noopener noreferrer"); }
    copyChildren(el, copy, doc);
    to.appendChild(copy);
  }

  /* --- The article's images, read from the "ảnh" inline rows of the same form ------ */

  function imageRows(form, prefix) {
    var rows = [];
    var inputs = form.querySelectorAll('input[name^="' + prefix + '-"][name$="-position"]');
    Array.prototype.forEach.call(inputs, function (input) {
      var base = input.name.slice(0, -"-position".length);
      if (/__prefix__/.test(base)) { return; }
      var del = form.querySelector('input[name="' + base + '-DELETE"]');
      if (del && del.checked) { return; }
      var caption = form.querySelector('[name="' + base + '-caption"]');
      var file = form.querySelector('input[type="file"][name="' + base + '-image"]');
      var row = input.closest(".inline-related") || input.closest("tr") || form;
      var preview = row.querySelector("img[data-image-preview]");
      var src = preview ? preview.getAttribute("src") : "";
      if (file && file.files && file.files[0]) { src = URL.createObjectURL(file.files[0]); }
      if (!src && !(file && file.files && file.files[0])) { return; } // empty row
      rows.push({
        number: input.value ? parseInt(input.value, 10) : null,
        caption: caption ? caption.value : "",
        src: src,
        positionInput: input
      });
    });
    // Rows without a number get the next free ones, as the server will give them.
    var used = rows.map(function (r) { return r.number || 0; });
    var next = Math.max.apply(null, used.concat([0])) + 1;
    rows.forEach(function (r) {
      if (!r.number) { r.number = next++; r.positionInput.value = String(r.number); }
    });
    return rows.sort(function (a, b) { return a.number - b.number; });
  }

  function figureChip(number, rows) {
    var fig = document.createElement("figure");
    fig.setAttribute("data-image", String(number));
    fig.setAttribute("contenteditable", "false");
    fig.className = "ed-figure";
    var info = rows.filter(function (r) { return r.number === number; })[0];
    if (info && info.src) {
      var img = document.createElement("img");
      img.src = info.src;
      img.alt = "";
      fig.appendChild(img);
    }
    var cap = document.createElement("figcaption");
    cap.textContent = "Ảnh " + number + (info && info.caption ? ": " + info.caption : info ? "" : " (chưa có ảnh số này)");
    fig.appendChild(cap);
    return fig;
  }

  /* --- The editor ---------------------------------------------------------------- */

  var BUTTONS = [
    ["p", "Đoạn văn", "¶"],
    ["h2", "Tiêu đề mục", "H2"],
    ["h3", "Tiêu đề nhỏ", "H3"],
    ["bold", "In đậm", "B"],
    ["italic", "In nghiêng", "I"],
    ["ul", "Danh sách", "• —"],
    ["ol", "Danh sách đánh số", "1."],
    ["quote", "Trích dẫn", "“ ”"],
    ["link", "Chèn liên kết", "Liên kết"],
    ["unlink", "Bỏ liên kết", "Bỏ liên kết"],
    ["table", "Chèn bảng", "Bảng"],
    ["image", "Chèn ảnh của bài", "Chèn ảnh"],
    ["undo", "Hoàn tác", "↶"],
    ["redo", "Làm lại", "↷"],
    ["source", "Xem, sửa mã HTML", "HTML"]
  ];

  function Editor(textarea) {
    this.textarea = textarea;
    this.form = textarea.form;
    this.prefix = textarea.getAttribute("data-images-prefix") || "images";
    this.build();
    this.load(textarea.value);
  }

  Editor.prototype.build = function () {
    var self = this;
    var wrap = document.createElement("div");
    wrap.className = "ed-editor";
    var bar = document.createElement("div");
    bar.className = "ed-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Định dạng nội dung");
    BUTTONS.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ed-btn ed-btn-" + b[0];
      button.setAttribute("data-cmd", b[0]);
      button.title = b[1];
      button.setAttribute("aria-label", b[1]);
      button.textContent = b[2];
      button.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the selection
      button.addEventListener("click", function () { self.command(b[0], button); });
      bar.appendChild(button);
    });
    var area = document.createElement("div");
    area.className = "ed-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", "Nội dung bài viết");
    area.spellcheck = true;
    area.lang = "vi";
    this.menu = document.createElement("div");
    this.menu.className = "ed-image-menu";
    this.menu.hidden = true;
    this.menu.setAttribute("role", "menu");
    this.menu.setAttribute("aria-label", "Chọn ảnh để chèn");
    wrap.appendChild(bar);
    wrap.appendChild(this.menu);
    wrap.appendChild(area);
    this.textarea.parentNode.insertBefore(wrap, this.textarea);
    wrap.appendChild(this.textarea);
    this.textarea.classList.add("ed-source");
    this.textarea.hidden = true;
    this.area = area;
    this.bar = bar;
    this.sourceMode = false;

    area.addEventListener("input", function () { self.sync(); });
    area.addEventListener("paste", function (e) { self.paste(e); });
    area.addEventListener("drop", function (e) { self.drop(e); });
    area.addEventListener("keydown", function (e) {
      if ((e.key === "Backspace" || e.key === "Delete") && self.removeSelectedFigure()) { e.preventDefault(); }
    });
    area.addEventListener("click", function (e) {
      var fig = e.target.closest && e.target.closest("figure.ed-figure");
      Array.prototype.forEach.call(area.querySelectorAll("figure.ed-selected"), function (f) { f.classList.remove("ed-selected"); });
      if (fig) { fig.classList.add("ed-selected"); }
    });
    this.form.addEventListener("submit", function () { self.sync(true); });
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (err) { /* old browsers */ }
  };

  Editor.prototype.load = function (html) {
    var rows = imageRows(this.form, this.prefix);
    this.area.innerHTML = clean(html); // clean() output is inert: no handlers, no script
    var figs = this.area.querySelectorAll("figure[data-image]");
    Array.prototype.forEach.call(figs, function (fig) {
      fig.parentNode.replaceChild(figureChip(parseInt(fig.getAttribute("data-image"), 10), rows), fig);
    });
    if (!this.area.innerHTML.trim()) { this.area.innerHTML = "<p><br></p>"; }
  };

  Editor.prototype.serialize = function () {
    var copy = this.area.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("figure.ed-figure"), function (fig) {
      var marker = document.createElement("figure");
      marker.setAttribute("data-image", fig.getAttribute("data-image"));
      fig.parentNode.replaceChild(marker, fig);
    });
    var html = clean(copy.innerHTML).replace(/<p>(\s|&nbsp;|<br>)*<\/p>/g, "");
    return html.trim();
  };

  Editor.prototype.sync = function (final) {
    if (this.sourceMode) {
      if (final) { this.textarea.value = clean(this.textarea.value); }
      return;
    }
    this.textarea.value = this.serialize();
  };

  Editor.prototype.insertHTML = function (html) {
    this.area.focus();
    document.execCommand("insertHTML", false, html);
    this.sync();
  };

  Editor.prototype.paste = function (e) {
    var data = e.clipboardData;
    if (!data) { return; }
    e.preventDefault();
    var html = data.getData("text/html");
    if (html) {
      this.insertHTML(clean(html));
    } else {
      var text = data.getData("text/plain") || "";
      var paras = text.split(/\r?\n\s*\r?\n/).map(function (p) {
        var div = document.createElement("div");
        div.textContent = p.trim();
        return div.innerHTML.replace(/\r?\n/g, "<br>");
      }).filter(Boolean);
      if (paras.length > 1) { this.insertHTML("<p>" + paras.join("</p><p>") + "</p>"); }
      else { document.execCommand("insertText", false, text); this.sync(); }
    }
  };

  Editor.prototype.drop = function (e) {
    // Dropped files would become data: images; dropped HTML is cleaned like a paste.
    e.preventDefault();
    var data = e.dataTransfer;
    if (!data) { return; }
    var html = data.getData("text/html");
    var text = data.getData("text/plain");
    if (html) { this.insertHTML(clean(html)); }
    else if (text) { document.execCommand("insertText", false, text); this.sync(); }
  };

  Editor.prototype.removeSelectedFigure = function () {
    var fig = this.area.querySelector("figure.ed-selected");
    if (!fig) { return false; }
    fig.parentNode.removeChild(fig);
    this.sync();
    return true;
  };

  Editor.prototype.command = function (cmd, button) {
    if (this.sourceMode && cmd !== "source") { return; }
    this.area.focus();
    switch (cmd) {
      case "p": document.execCommand("formatBlock", false, "p"); break;
      case "h2": document.execCommand("formatBlock", false, "h2"); break;
      case "h3": document.execCommand("formatBlock", false, "h3"); break;
      case "quote": document.execCommand("formatBlock", false, "blockquote"); break;
      case "bold": document.execCommand("bold"); break;
      case "italic": document.execCommand("italic"); break;
      case "ul": document.execCommand("insertUnorderedList"); break;
      case "ol": document.execCommand("insertOrderedList"); break;
      case "undo": document.execCommand("undo"); break;
      case "redo": document.execCommand("redo"); break;
      case "unlink": document.execCommand("unlink"); break;
      case "link": this.link(); break;
      case "table": this.table(); break;
      case "image": this.toggleImageMenu(button); return;
      case "source": this.toggleSource(button); return;
    }
    this.sync();
  };

  Editor.prototype.link = function () {
    var url = window.prompt("Địa chỉ liên kết (https://…, mailto:…):", "https://");
    if (url === null) { return; }
    url = url.trim();
    if (!SAFE_URL.test(url)) {
      window.alert("Chỉ nhận liên kết bắt đầu bằng https://, http://, mailto:, tel: hoặc /.");
      return;
    }
    var sel = window.getSelection();
    if (sel && sel.toString()) {
      document.execCommand("createLink", false, url);
    } else {
      var a = document.createElement("a");
      a.href = url;
      a.textContent = url;
      this.insertHTML(a.outerHTML);
    }
  };

  Editor.prototype.table = function () {
    var size = window.prompt("Số dòng × số cột của bảng (ví dụ 3x2):", "3x2");
    if (!size) { return; }
    var m = /^\s*(\d{1,2})\s*[x×*,]\s*(\d{1,2})\s*$/i.exec(size);
    if (!m) { window.alert("Hãy nhập như 3x2 (3 dòng, 2 cột)."); return; }
    var rows = Math.max(1, Math.min(50, +m[1])), cols = Math.max(1, Math.min(12, +m[2]));
    var html = "<table><thead><tr>";
    for (var c = 0; c < cols; c++) { html += "<th>Tiêu đề " + (c + 1) + "</th>"; }
    html += "</tr></thead><tbody>";
    for (var r = 0; r < rows; r++) {
      html += "<tr>";
      for (var k = 0; k < cols; k++) { html += "<td><br></td>"; }
      html += "</tr>";
    }
    html += "</tbody></table><p><br></p>";
    this.insertHTML(html);
  };

  Editor.prototype.toggleImageMenu = function (button) {
    var self = this;
    var menu = this.menu;
    if (!menu.hidden) { menu.hidden = true; button.setAttribute("aria-expanded", "false"); return; }
    // Remember where the caret was: clicking the menu must insert there.
    var sel = window.getSelection();
    this.savedRange = sel && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    var rows = imageRows(this.form, this.prefix);
    menu.textContent = "";
    if (!rows.length) {
      var p = document.createElement("p");
      p.textContent = "Bài chưa có ảnh. Thêm ảnh ở mục “Ảnh của bài” bên dưới (chọn tệp, ghi chú thích), rồi bấm “Chèn ảnh”.";
      menu.appendChild(p);
    }
    rows.forEach(function (row) {
      var item = document.createElement("button");
      item.type = "button";
      item.className = "ed-image-choice";
      item.setAttribute("role", "menuitem");
      if (row.src) {
        var img = document.createElement("img");
        img.src = row.src;
        img.alt = "";
        item.appendChild(img);
      }
      var label = document.createElement("span");
      label.textContent = "Ảnh " + row.number + (row.caption ? ": " + row.caption : "");
      item.appendChild(label);
      item.addEventListener("mousedown", function (e) { e.preventDefault(); });
      item.addEventListener("click", function () {
        menu.hidden = true;
        button.setAttribute("aria-expanded", "false");
        self.placeImage(row.number, rows);
      });
      menu.appendChild(item);
    });
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    var first = menu.querySelector("button");
    if (first) { first.focus(); }
  };

  Editor.prototype.placeImage = function (number, rows) {
    this.area.focus();
    var sel = window.getSelection();
    if (this.savedRange && this.area.contains(this.savedRange.startContainer)) {
      sel.removeAllRanges();
      sel.addRange(this.savedRange);
    }
    var chip = figureChip(number, rows);
    // A figure is a block: put it after the current block, never inside a paragraph.
    var block = sel && sel.rangeCount ? sel.getRangeAt(0).startContainer : null;
    while (block && block !== this.area && block.parentNode !== this.area) { block = block.parentNode; }
    if (block && block !== this.area) {
      block.parentNode.insertBefore(chip, block.nextSibling);
    } else {
      this.area.appendChild(chip);
    }
    var after = document.createElement("p");
    after.appendChild(document.createElement("br"));
    chip.parentNode.insertBefore(after, chip.nextSibling);
    var range = document.createRange();
    range.setStart(after, 0);
    sel.removeAllRanges();
    sel.addRange(range);
    this.sync();
  };

  Editor.prototype.toggleSource = function (button) {
    if (this.sourceMode) {
      this.load(this.textarea.value);
      this.textarea.hidden = true;
      this.area.hidden = false;
      this.sourceMode = false;
      this.sync();
    } else {
      this.sync();
      this.area.hidden = true;
      this.textarea.hidden = false;
      this.sourceMode = true;
      this.textarea.focus();
    }
    button.setAttribute("aria-pressed", String(this.sourceMode));
    Array.prototype.forEach.call(this.bar.querySelectorAll("button"), function (b) {
      if (b !== button) { b.disabled = this.sourceMode; }
    }, this);
  };

  /* --- Slug prefill: the server makes the slug (Vietnamese rule: "đ" → "d") ---------- */

  function slugPrefill(input) {
    var source = document.getElementById(input.getAttribute("data-slug-from"));
    var url = input.getAttribute("data-slug-url");
    if (!source || !url) { return; }
    var touched = input.value !== "";
    var timer = null;
    input.addEventListener("input", function () { touched = input.value !== ""; });
    source.addEventListener("input", function () {
      if (touched) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(url + "?title=" + encodeURIComponent(source.value), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data && !touched) { input.value = data.slug; } })
          .catch(function () { /* the server makes it on save anyway */ });
      }, 250);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-text]"), function (t) {
      if (!t.dataset.editorReady) { t.dataset.editorReady = "1"; t.editor = new Editor(t); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[data-slug-url]"), slugPrefill);
  }

  window.TGEditor = { clean: clean };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
