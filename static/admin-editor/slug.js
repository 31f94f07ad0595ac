/*
 * Tuyên giáo CMS: the article's slug ("đường dẫn") prefilled while the title is typed.
 * The server makes the slug (the Vietnamese rule: "đ" becomes "d"), so the field asks it
 * (data-slug-url) rather than guess; an address typed by hand is never overwritten.
 */
(function () {
  "use strict";

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
    Array.prototype.forEach.call(document.querySelectorAll("input[data-slug-url]"), slugPrefill);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
