/* wagtail-physio, locations admin: copy one day's opening hours to other days.
 *
 * Progressive enhancement of the weekly opening hours InlinePanel. The controls
 * are in a <template> the panel renders; this script puts them in place. Copying
 * works through the panel's own buttons: the rows of each ticked day are deleted
 * with their delete buttons, and a copy of each row of the chosen day is added
 * with "Add opening period" and filled in. Nothing is saved until the editor
 * saves the location. Without JavaScript the controls never show.
 */
(function () {
  "use strict";

  function format(message, values) {
    return message.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function joinNames(names) {
    // "Tuesday, Wednesday and Thursday" in the admin's language, where the
    // browser knows how; a plain list elsewhere.
    if (window.Intl && Intl.ListFormat) {
      var language = document.documentElement.lang || undefined;
      try {
        return new Intl.ListFormat(language, { type: "conjunction" }).format(names);
      } catch (error) {
        /* An unknown language tag: fall through. */
      }
    }
    return names.join(", ");
  }

  function setUp(root) {
    var prefix = root.getAttribute("data-formset-prefix");
    var forms = document.getElementById("id_" + prefix + "-FORMS");
    var addButton = document.getElementById("id_" + prefix + "-ADD");
    var totalForms = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = root.querySelector("template");
    if (!forms || !addButton || !totalForms || !template) {
      return;
    }
    root.appendChild(template.content.cloneNode(true));
    var from = root.querySelector("[data-copy-from]");
    var targets = root.querySelectorAll("[data-copy-to]");
    var button = root.querySelector("[data-copy-button]");
    var status = root.querySelector("[data-copy-status]");
    var dayNames = {};
    Array.prototype.forEach.call(from.options, function (option) {
      dayNames[option.value] = option.textContent;
    });

    function field(index, name) {
      return document.getElementById("id_" + prefix + "-" + index + "-" + name);
    }

    // Rows still in the form: not deleted by the editor (or by a copy).
    function liveRows() {
      var rows = [];
      Array.prototype.forEach.call(forms.children, function (child) {
        var index = child.id.replace("inline_child_" + prefix + "-", "");
        var deleted = field(index, "DELETE");
        if (!field(index, "weekday") || (deleted && deleted.value === "1")) {
          return;
        }
        rows.push(index);
      });
      return rows;
    }

    function deleteRow(index) {
      var deleteButton = document.getElementById(
        "id_" + prefix + "-" + index + "-DELETE-button"
      );
      if (deleteButton) {
        deleteButton.click();
      } else {
        field(index, "DELETE").value = "1";
      }
    }

    function setValue(input, value) {
      if (input.type === "checkbox") {
        input.checked = value;
      } else {
        input.value = value;
      }
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function addRow(weekday, values) {
      var index = totalForms.value;
      addButton.click();
      if (!field(index, "weekday")) {
        return; // the panel refused (a maximum number of rows)
      }
      setValue(field(index, "weekday"), weekday);
      setValue(field(index, "opens"), values.opens);
      setValue(field(index, "closes"), values.closes);
      setValue(field(index, "closed"), values.closed);
    }

    button.addEventListener("click", function () {
      var source = from.value;
      var chosen = Array.prototype.filter
        .call(targets, function (box) {
          return box.checked && box.value !== source;
        })
        .map(function (box) {
          return box.value;
        });
      if (!chosen.length) {
        status.textContent = root.getAttribute("data-message-none");
        return;
      }
      var copies = liveRows()
        .filter(function (index) {
          return field(index, "weekday").value === source;
        })
        .map(function (index) {
          return {
            opens: field(index, "opens").value,
            closes: field(index, "closes").value,
            closed: field(index, "closed").checked,
          };
        });
      chosen.forEach(function (weekday) {
        liveRows()
          .filter(function (index) {
            return field(index, "weekday").value === weekday;
          })
          .forEach(deleteRow);
        copies.forEach(function (values) {
          addRow(weekday, values);
        });
      });
      Array.prototype.forEach.call(targets, function (box) {
        box.checked = false;
      });
      // Adding a row moves focus into it; the editor stays on the controls.
      button.focus();
      var message = root.getAttribute(
        copies.length ? "data-message-done" : "data-message-closed"
      );
      status.textContent = format(message, {
        from: dayNames[source],
        to: joinNames(
          chosen.map(function (weekday) {
            return dayNames[weekday];
          })
        ),
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(
      document.querySelectorAll("[data-physio-copy-hours]"),
      setUp
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
