/* wagtail-physio notice banners: dismissal, and client-mode loading.
 *
 * No cookies and no dependencies. A dismissal is remembered in localStorage under
 * the banner's version ("id:content-hash"), so an edited banner shows again.
 * Without JavaScript banners still show (server mode); dismiss buttons stay hidden.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "wagtail-physio:dismissed-notices";
  var ANNOUNCED_KEY = "wagtail-physio:announced-notices";
  var MAX_REMEMBERED = 50;
  var SAFE_HREF = /^(https?:|mailto:|tel:|\/|#)/i;
  var DROP = "script,style,iframe,object,embed,template,link,meta,base,form";

  function readDismissed() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return []; // Storage blocked or corrupt: dismissals last for this page only.
    }
  }

  function rememberDismissed(version) {
    var list = readDismissed().filter(function (item) {
      return item !== version;
    });
    list.push(version);
    try {
      window.localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify(list.slice(-MAX_REMEMBERED))
      );
    } catch (error) {
      /* Storage full or blocked: nothing more to do. */
    }
  }

  var FOCUSABLE = "a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]";

  // On screen, and more than the 1px box of visually hidden text (the client-mode
  // announcer follows the banners).
  function rendered(element) {
    var box = element.getBoundingClientRect();
    return !element.hidden && box.width > 1 && box.height > 1;
  }

  // The element after the banners, for sites with no main landmark: scripts and
  // elements not on screen skipped.
  function afterBanners(container) {
    var next = container.nextElementSibling;
    while (next && (next.tagName === "SCRIPT" || !rendered(next))) {
      next = next.nextElementSibling;
    }
    return next;
  }

  // Focus an element, giving it tabindex="-1" for the moment if it cannot take
  // focus by itself (a site's <main> usually cannot). The attribute goes again
  // when focus leaves, so the element does not become a click target for focus.
  function focusHere(target) {
    var lent = !target.matches(FOCUSABLE);
    function restore() {
      target.removeAttribute("tabindex");
      target.removeEventListener("blur", restore);
    }
    if (lent) {
      target.setAttribute("tabindex", "-1");
      target.addEventListener("blur", restore);
    }
    target.focus();
    if (document.activeElement === target) {
      return true;
    }
    if (lent) {
      restore(); // it would not take focus (a disabled control): try the next
    }
    return false;
  }

  function focusAfterDismiss(container, notice) {
    // Keep keyboard users near where they were: the next notice's button, else
    // the main content the skip link points at (#main-content, as in the
    // package's base template, else the page's main landmark), else whatever
    // follows the banners. Never left on <body>, whatever the site's markup.
    var next = notice.nextElementSibling;
    var button = next && next.querySelector("[data-physio-notice-dismiss]:not([hidden])");
    var candidates = [
      button,
      document.getElementById("main-content"),
      document.querySelector("main, [role='main']"),
      afterBanners(container)
    ];
    for (var i = 0; i < candidates.length; i++) {
      var target = candidates[i];
      if (target && target !== notice && !notice.contains(target) && rendered(target) && focusHere(target)) {
        return;
      }
    }
  }

  function enhance(container) {
    var dismissed = readDismissed();
    var notices = container.querySelectorAll("[data-physio-notice-dismissible]");
    Array.prototype.forEach.call(notices, function (notice) {
      var version = notice.getAttribute("data-physio-notice-version");
      if (dismissed.indexOf(version) !== -1) {
        notice.parentNode.removeChild(notice);
        return;
      }
      var button = notice.querySelector("[data-physio-notice-dismiss]");
      if (!button || button.getAttribute("data-physio-enabled")) {
        return;
      }
      button.setAttribute("data-physio-enabled", "true");
      button.hidden = false;
      button.addEventListener("click", function () {
        rememberDismissed(version);
        focusAfterDismiss(container, notice);
        notice.parentNode.removeChild(notice);
      });
    });
  }

  // The server already whitelisted this HTML; this is a second line of defence
  // in case a proxy or a shadowed template lets something through.
  function sanitise(fragment) {
    Array.prototype.forEach.call(fragment.querySelectorAll(DROP), function (el) {
      el.parentNode.removeChild(el);
    });
    Array.prototype.forEach.call(fragment.querySelectorAll("*"), function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attr) {
        var name = attr.name.toLowerCase();
        if (name.indexOf("on") === 0 || name === "style" || name === "srcdoc") {
          el.removeAttribute(attr.name);
        } else if ((name === "href" || name === "src") && !SAFE_HREF.test(attr.value.trim())) {
          el.removeAttribute(attr.name);
        }
      });
    });
    return fragment;
  }

  function announceUrgent(banners) {
    var announcer = document.querySelector("[data-physio-notices-announcer]");
    var urgent = banners.filter(function (banner) {
      return banner.severity === "urgent";
    });
    if (!announcer || !urgent.length) {
      return;
    }
    var texts = [];
    var dismissed = readDismissed();
    var announced = readAnnounced();
    urgent.forEach(function (banner) {
      // Once per browsing session: read out on every page it would be noise.
      if (
        announced.indexOf(banner.version) !== -1 ||
        (banner.dismissible && dismissed.indexOf(banner.version) !== -1)
      ) {
        return;
      }
      announced.push(banner.version);
      // Parsed inert, and only its text is used.
      var template = document.createElement("template");
      template.innerHTML = banner.html;
      texts.push(template.content.textContent.replace(/\s+/g, " ").trim());
    });
    try {
      window.sessionStorage.setItem(ANNOUNCED_KEY, JSON.stringify(announced.slice(-MAX_REMEMBERED)));
    } catch (error) {
      /* Without sessionStorage urgent notices are announced on each page. */
    }
    announcer.textContent = texts.join(" ");
  }

  function readAnnounced() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(ANNOUNCED_KEY) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (error) {
      return [];
    }
  }

  function load(container) {
    var url = container.getAttribute("data-physio-notices-src");
    if (!window.fetch) {
      return;
    }
    window
      .fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { banners: [] };
      })
      .then(function (data) {
        var banners = (data && data.banners) || [];
        // <template> parses without running scripts or loading anything.
        var template = document.createElement("template");
        template.innerHTML = banners
          .map(function (banner) {
            return banner.html;
          })
          .join("");
        container.appendChild(sanitise(template.content));
        enhance(container);
        announceUrgent(banners);
      })
      .catch(function () {
        /* Offline or endpoint down: the page simply has no notices. */
      });
  }

  Array.prototype.forEach.call(
    document.querySelectorAll("[data-physio-notices]"),
    function (container) {
      if (container.getAttribute("data-physio-notices-enhanced")) {
        return;
      }
      container.setAttribute("data-physio-notices-enhanced", "true");
      if (container.hasAttribute("data-physio-notices-src")) {
        load(container);
      } else {
        enhance(container);
      }
    }
  );
})();
