/* The demo clinic's light/dark switch, as a clinic's own site would have one.
 *
 * It sets data-theme="dark" or "light" on <html>, which wagtail-physio's stylesheet
 * follows over the reader's system setting (docs/theming.md), and keeps the choice
 * in localStorage. Link it in the <head> without `defer`, so a stored choice applies
 * before the page paints, and put the button anywhere:
 *
 *   <button type="button" class="site-theme-switch" data-theme-switch hidden>Dark mode</button>
 *
 * The button stays hidden without JavaScript; the page then follows the system.
 */
(function () {
  "use strict";

  var KEY = "clinic-site:theme";
  var root = document.documentElement;
  var systemDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // Storage blocked: the choice lasts for this page only.
    }
  }

  function current() {
    return root.getAttribute("data-theme") || (systemDark && systemDark.matches ? "dark" : "light");
  }

  function apply(theme) {
    root.setAttribute("data-theme", theme);
    Array.prototype.forEach.call(document.querySelectorAll("[data-theme-switch]"), function (button) {
      button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    });
  }

  var choice = stored();
  if (choice === "dark" || choice === "light") {
    root.setAttribute("data-theme", choice);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-theme-switch]"), function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
      button.addEventListener("click", function () {
        var theme = current() === "dark" ? "light" : "dark";
        apply(theme);
        try {
          window.localStorage.setItem(KEY, theme);
        } catch (error) {
          /* Storage blocked or full: nothing more to do. */
        }
      });
    });
  });
})();
