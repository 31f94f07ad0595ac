/* The album viewer: a progressive enhancement of the album page's photo links (without
   script, each opens the large photo). Our own few lines, no third-party code; loaded
   from our origin, so the Content-Security-Policy needs no inline script.

   Opens a modal <dialog> (focus stays inside; Esc closes it and focus returns to the
   photo that opened it). Keys: ←/→ previous/next, Home/End first/last. Touch: swipe
   left or right. The counter and caption are announced to screen readers. */
(function () {
  "use strict";

  function text(node, selector) {
    var found = node.querySelector(selector);
    return found ? found.textContent.trim() : "";
  }

  function button(label, className, symbol) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.setAttribute("aria-label", label);
    b.textContent = symbol;
    return b;
  }

  function setUp(list) {
    var links = Array.prototype.slice.call(list.querySelectorAll(".album-link"));
    if (!links.length || typeof HTMLDialogElement !== "function") {
      return; // plain links still work
    }
    var photos = links.map(function (link) {
      var item = link.closest("figure");
      var img = link.querySelector("img");
      return {
        link: link,
        src: link.getAttribute("href"),
        width: link.getAttribute("data-width"),
        height: link.getAttribute("data-height"),
        alt: img ? img.getAttribute("alt") : "",
        caption: text(item, ".album-caption"),
        credit: text(item, ".album-credit")
      };
    });

    var dialog = document.createElement("dialog");
    dialog.className = "viewer";
    dialog.setAttribute("aria-label", "Xem ảnh");
    var figure = document.createElement("figure");
    figure.className = "viewer-figure";
    var img = document.createElement("img");
    img.className = "viewer-image";
    var caption = document.createElement("figcaption");
    caption.className = "viewer-caption";
    var counter = document.createElement("p");
    counter.className = "viewer-counter";
    counter.setAttribute("aria-live", "polite");
    var prev = button("Ảnh trước", "viewer-prev", "‹");
    var next = button("Ảnh sau", "viewer-next", "›");
    var close = button("Đóng", "viewer-close", "×");
    figure.appendChild(img);
    figure.appendChild(caption);
    dialog.appendChild(close);
    dialog.appendChild(counter);
    dialog.appendChild(prev);
    dialog.appendChild(figure);
    dialog.appendChild(next);
    document.body.appendChild(dialog);

    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + photos.length) % photos.length;
      var photo = photos[current];
      img.src = photo.src;
      img.alt = photo.alt;
      if (photo.width && photo.height) {
        img.width = Number(photo.width);
        img.height = Number(photo.height);
      } else {
        img.removeAttribute("width");
        img.removeAttribute("height");
      }
      caption.textContent = [photo.caption, photo.credit].filter(Boolean).join(" — ");
      counter.textContent = "Ảnh " + (current + 1) + "/" + photos.length;
      prev.hidden = next.hidden = photos.length < 2;
      // Keep the page's address in step, so a reader can share one photo.
      if (window.history && history.replaceState) {
        history.replaceState(null, "", "#anh-" + (current + 1));
      }
    }

    function open(index) {
      opener = photos[index].link;
      show(index);
      dialog.showModal();
      close.focus();
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
          return; // a new tab or window, as the reader asked
        }
        event.preventDefault();
        open(index);
      });
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (opener) {
        opener.focus();
      }
    });
    // A click on the backdrop (outside the photo and buttons) closes, as Esc does.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });
    dialog.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: -1, ArrowRight: 1 };
      if (event.key in moves) {
        show(current + moves[event.key]);
      } else if (event.key === "Home") {
        show(0);
      } else if (event.key === "End") {
        show(photos.length - 1);
      } else {
        return;
      }
      event.preventDefault();
    });

    var startX = null;
    dialog.addEventListener("pointerdown", function (event) {
      if (event.pointerType !== "mouse") {
        startX = event.clientX;
      }
    });
    dialog.addEventListener("pointerup", function (event) {
      if (startX === null) {
        return;
      }
      var dx = event.clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) {
        show(current + (dx < 0 ? 1 : -1));
      }
    });
    dialog.addEventListener("pointercancel", function () { startX = null; });

    // Opened at "#anh-3" (a shared link): that photo is already in view; no dialog.
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-album-viewer]").forEach(setUp);
  });
})();
