/* Progressive enhancements; every page works without them. No inline script is used
   anywhere, so a strict Content-Security-Policy can forbid it. */
document.documentElement.classList.replace("no-js", "js");

document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".nav-toggle");
  var menu = document.getElementById("menu-chinh");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      menu.classList.toggle("open", !open);
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("open")) {
        toggle.click();
        toggle.focus();
      }
    });
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      var done = function () { button.textContent = "Đã chép liên kết"; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("Chép liên kết:", url); });
      } else {
        window.prompt("Chép liên kết:", url);
      }
    });
  });
});
