/* wagtail-physio: calmer list editing in the StreamField editor.
 *
 * Two things, for lists that ask for them with HTML attributes on the list
 * (``list_editing_attrs`` in wagtail_physio/conditions/blocks/lists.py):
 *
 * - data-physio-collapse-after="N": a list holding more than N items opens with
 *   its items collapsed, each showing its label. Items with an error stay open,
 *   and items added later open as usual.
 * - data-physio-split-pasted-lines: several lines pasted into an item become an
 *   item each, without the bullets or numbers they were copied with.
 *
 * It wraps the render() of Wagtail's ListBlockDefinition (the class Wagtail
 * offers, on window.wagtailStreamField, for extending blocks in the editor) and
 * uses the ListBlock's own insert() and each item's collapse(): the same calls
 * Wagtail makes for its "collapsed" option and its add button. Where they are
 * missing nothing happens, and lists edit as any Wagtail list.
 */
(function () {
  "use strict";

  var COLLAPSE_AFTER = "data-physio-collapse-after";
  var SPLIT_LINES = "data-physio-split-pasted-lines";
  // A bullet or number a line was copied with: "•", "◦", "-", "*", "+", "–",
  // "1.", "2)", "(3)". "-", "*", "+" and numbers only count before a space, so
  // "-5 degrees" and "1.5 kg" keep them.
  var BULLET = /^(?:[•◦▪▫‣⁃●○■□∙·]\s*|[-*+–—]\s+|\(?\d{1,3}[.)]\s+)/;

  var streamField = window.wagtailStreamField;
  var definition =
    streamField && streamField.blocks && streamField.blocks.ListBlockDefinition;
  if (!definition || !definition.prototype || definition.prototype.physioListEditing) {
    return; // No StreamField on this screen, or already wrapped.
  }

  /** The non-empty lines of pasted text, without their bullets. */
  function pastedLines(text) {
    return text
      .split(/\r\n|\r|\n/)
      .map(function (line) {
        return line.trim().replace(BULLET, "").trim();
      })
      .filter(function (line) {
        return line !== "";
      });
  }

  function hasError(child) {
    return Boolean(
      child.element &&
        child.element.querySelector(".error-message, .w-field--error, [aria-invalid='true']")
    );
  }

  function collapseLongList(list, limit) {
    if (!(limit >= 0) || !Array.isArray(list.children) || list.children.length <= limit) {
      return;
    }
    list.children.forEach(function (child) {
      if (typeof child.collapse === "function" && !hasError(child)) {
        child.collapse();
      }
    });
  }

  /** An id for a new item, as Wagtail's add button gives one (comments use it). */
  function newId() {
    return window.crypto && typeof window.crypto.randomUUID === "function"
      ? window.crypto.randomUUID()
      : undefined; // Outside a secure context: the server gives the id on save.
  }

  function textInput(child) {
    return child && child.element
      ? child.element.querySelector("input[type='text'], input:not([type])")
      : null;
  }

  function splitPastedLines(list, event) {
    if (event.defaultPrevented || !event.clipboardData) {
      return;
    }
    var input = event.target;
    if (!(input instanceof HTMLInputElement)) {
      return;
    }
    var index = list.children.findIndex(function (child) {
      return textInput(child) === input;
    });
    if (index < 0) {
      return; // Not an item of this list (a list further in handles its own).
    }
    var text = event.clipboardData.getData("text/plain") || "";
    var items = pastedLines(text);
    if (items.length < 2) {
      return; // One line pastes as usual.
    }
    event.preventDefault();
    // As in a word processor: the text before the caret joins the first line
    // and the text after it the last, unless the pasted text starts (or ends)
    // with a line break, which leaves it an item of its own.
    var start = input.selectionStart === null ? input.value.length : input.selectionStart;
    var end = input.selectionEnd === null ? input.value.length : input.selectionEnd;
    var before = input.value.slice(0, start);
    var after = input.value.slice(end);
    var caretItem = items.length - 1;
    var caret = items[caretItem].length;
    if (before.trim()) {
      if (/^[ \t]*[\r\n]/.test(text)) {
        items.unshift(before);
        caretItem += 1;
      } else {
        items[0] = before + items[0];
      }
    }
    if (after.trim()) {
      if (/[\r\n]\s*$/.test(text)) {
        items.push(after);
      } else {
        items[items.length - 1] += after;
      }
    }

    input.value = items[0];
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    var inserted = items.slice(1).map(function (item, offset) {
      return list.insert(item, index + 1 + offset, { animate: false, id: newId() });
    });
    var caretInput = textInput(inserted[caretItem - 1]);
    if (caretInput) {
      caretInput.focus();
      caretInput.setSelectionRange(caret, caret);
      caretInput.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  var render = definition.prototype.render;
  definition.prototype.render = function () {
    var list = render.apply(this, arguments);
    try {
      var attrs = (this.meta && this.meta.attrs) || {};
      if (Object.prototype.hasOwnProperty.call(attrs, COLLAPSE_AFTER)) {
        collapseLongList(list, parseInt(attrs[COLLAPSE_AFTER], 10));
      }
      var container = list.container && list.container[0];
      if (
        Object.prototype.hasOwnProperty.call(attrs, SPLIT_LINES) &&
        container instanceof HTMLElement &&
        typeof list.insert === "function"
      ) {
        container.addEventListener("paste", function (event) {
          splitPastedLines(list, event);
        });
      }
    } catch (error) {
      // An enhancement only: the list itself has rendered and still works.
      window.console && window.console.error(error);
    }
    return list;
  };
  definition.prototype.physioListEditing = true;
})();
