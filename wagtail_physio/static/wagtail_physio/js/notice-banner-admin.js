/* wagtail-physio: the notice banner create and edit screens.
 *
 * - A character counter under the message, counting what readers see (words and
 *   spaces, not markup or link addresses) the way the server does. The server
 *   refuses a message over the limit with or without this script.
 * - The preview: the form is posted to the preview view as the editor works, and
 *   the answer (the banner rendered by the site's template, and notes on what
 *   saving would do) replaces the preview panel's iframe document and notes.
 *
 * A file of its own, no inline script, no dependencies: it runs under a
 * Content-Security-Policy without 'unsafe-inline'.
 */
(function () {
  "use strict";

  var REFRESH_DELAY = 400; // ms after the last change before asking for a preview
  var ANNOUNCE_DELAY = 1000; // ms after the last key before screen readers hear the count
  var POLL_INTERVAL = 1000; // catches editor changes that fire no input event

  function collapse(text) {
    return text.split(/\s+/).join(" ").trim();
  }

  // The message's text as readers will see it. Draftail's hidden input holds
  // the editor's content as JSON, but is only brought up to date every 250 ms;
  // the editor's own blocks are read first so the count keeps up with typing.
  function messageText(form) {
    var field = form.querySelector('[data-contentpath="message"]') || form;
    var blocks = field.querySelectorAll('[data-contents="true"] [data-block="true"]');
    if (blocks.length) {
      return collapse(
        Array.prototype.map
          .call(blocks, function (block) {
            return block.textContent;
          })
          .join(" ")
      );
    }
    var input = form.querySelector('[name="message"]');
    if (!input) {
      return "";
    }
    try {
      var content = JSON.parse(input.value || "{}");
      return collapse(
        (content.blocks || [])
          .map(function (block) {
            return block.text || "";
          })
          .join(" ")
      );
    } catch (error) {
      // Not Draftail's JSON: a plain textarea or HTML.
      var scratch = document.createElement("template");
      scratch.innerHTML = input.value;
      return collapse(scratch.content.textContent || "");
    }
  }

  // The panel carries the counter's words, translated, with "__count__" where
  // the number goes.
  function counterText(root, length, limit) {
    var left = limit - length;
    var count = Math.abs(left);
    var name = (left >= 0 ? "data-counter-left" : "data-counter-over") + (count === 1 ? "-one" : "");
    var words = root.getAttribute(name) || "__count__";
    return words.replace("__count__", String(count));
  }

  // Screen readers read the count after the editor's own description.
  function describeEditor(field, counter) {
    var editor = field.querySelector('[contenteditable="true"]');
    if (!editor) {
      return; // Draftail not started yet: next time
    }
    var described = (editor.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(counter.id) === -1) {
      described.push(counter.id);
      editor.setAttribute("aria-describedby", described.join(" ").trim());
    }
  }

  function setUpCounter(root, form) {
    var limit = parseInt(root.getAttribute("data-max-length"), 10);
    var field = form.querySelector('[data-contentpath="message"]');
    if (!limit || !field) {
      return function () {};
    }
    var counter = document.createElement("p");
    counter.className = "physio-notice-counter";
    counter.id = "physio-notice-counter";
    counter.setAttribute("data-physio-notice-counter", "");
    // The visible count changes with each key; screen readers hear it once the
    // editor pauses, from a separate live region.
    var announcer = document.createElement("p");
    announcer.className = "physio-notice-counter__announcer";
    announcer.setAttribute("aria-live", "polite");
    var input = field.querySelector(".w-field__input") || field;
    input.parentNode.insertBefore(counter, input.nextSibling);
    counter.parentNode.insertBefore(announcer, counter.nextSibling);
    var announceTimer = null;
    var last = null;
    return function update() {
      describeEditor(field, counter);
      var length = messageText(form).length;
      if (length === last) {
        return;
      }
      last = length;
      var text = counterText(root, length, limit);
      counter.textContent = text;
      counter.setAttribute("data-length", String(length));
      counter.classList.toggle("physio-notice-counter--over", length > limit);
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () {
        announcer.textContent = text;
      }, ANNOUNCE_DELAY);
    };
  }

  // What notice-banners.js does on the site when it runs: show the close
  // button. The iframe is sandboxed without scripts, so it is done from here.
  function fitFrame(frame) {
    var doc = frame.contentDocument;
    if (!doc || !doc.documentElement) {
      return;
    }
    Array.prototype.forEach.call(
      doc.querySelectorAll("[data-physio-notice-dismiss][hidden]"),
      function (button) {
        button.hidden = false;
      }
    );
    var notices = doc.querySelector("[data-physio-notices]") || doc.body;
    var height = notices ? notices.getBoundingClientRect().height : 0;
    frame.style.height = Math.ceil(Math.max(height, 48)) + "px";
  }

  function setUpWidths(root, frame) {
    var group = root.querySelector("[data-physio-notice-widths]");
    if (!group) {
      return;
    }
    var buttons = group.querySelectorAll("[data-physio-notice-width]");
    group.hidden = false;
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var width = button.getAttribute("data-physio-notice-width");
        Array.prototype.forEach.call(buttons, function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        frame.parentNode.classList.toggle("physio-notice-editor__frame--narrow", !!width);
        fitFrame(frame);
      });
    });
  }

  function formKey(data) {
    var parts = [];
    data.forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") {
        parts.push(name + "=" + value);
      }
    });
    return parts.join("&");
  }

  function init(root) {
    var form = root.closest("form");
    var frame = root.querySelector("[data-physio-notice-preview]");
    var notes = root.querySelector("[data-physio-notice-notes]");
    var status = root.querySelector("[data-physio-notice-preview-status]");
    var url = root.getAttribute("data-preview-url");
    if (!form || !frame || !url) {
      return;
    }
    var updateCounter = setUpCounter(root, form);
    var timer = null;
    var sent = 0;
    var lastKey = formKey(new FormData(form));

    frame.addEventListener("load", function () {
      fitFrame(frame);
    });
    fitFrame(frame);
    window.addEventListener("resize", function () {
      fitFrame(frame);
    });
    setUpWidths(root, frame);

    function refresh() {
      var data = new FormData(form);
      var key = formKey(data);
      if (key === lastKey) {
        return;
      }
      lastKey = key;
      var number = ++sent;
      root.setAttribute("aria-busy", "true");
      window
        .fetch(url, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" }
        })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("Preview answered " + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          if (number !== sent) {
            return; // an older answer arriving after a newer one
          }
          frame.srcdoc = answer.document;
          notes.innerHTML = answer.notes; // rendered by the admin's own template
          root.setAttribute("data-length", String(answer.length));
          status.textContent = "";
          root.removeAttribute("aria-busy");
        })
        .catch(function () {
          if (number !== sent) {
            return;
          }
          lastKey = null; // try again at the next change
          status.textContent = root.getAttribute("data-preview-failed") || "";
          root.removeAttribute("aria-busy");
        });
    }

    function changed() {
      updateCounter();
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, REFRESH_DELAY);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("keyup", changed);
    // Formatting from the toolbar and choosers fire no input event on the form.
    window.setInterval(function () {
      updateCounter();
      if (formKey(new FormData(form)) !== lastKey) {
        changed();
      }
    }, POLL_INTERVAL);
    updateCounter();
  }

  function start() {
    Array.prototype.forEach.call(
      document.querySelectorAll("[data-physio-notice-editor]"),
      init
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
