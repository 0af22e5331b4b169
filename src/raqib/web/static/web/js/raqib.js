/* Small behaviours of Raqib's forms. No user-visible text lives here: the pages carry it. */
(function () {
  "use strict";

  // Show only the subtypes of the chosen category (the subtype list is grouped by category label).
  function linkSubtypes(category, subtype) {
    function update() {
      var chosen = category.options[category.selectedIndex];
      var label = chosen && chosen.value ? chosen.text : null;
      Array.prototype.forEach.call(subtype.querySelectorAll("optgroup"), function (group) {
        var match = label === null || group.label === label;
        group.hidden = !match;
        group.disabled = !match;
      });
      var current = subtype.options[subtype.selectedIndex];
      if (current && current.parentNode.tagName === "OPTGROUP" && current.parentNode.disabled) {
        subtype.value = "";
      }
    }
    category.addEventListener("change", update);
    update();
  }

  // A place chosen from the gazetteer search fills the form and tells the map.
  function choosePlace(button) {
    var form = button.closest("form");
    var place = form && form.querySelector("input[name=place]");
    if (place) { place.value = button.dataset.placeId; }
    var shown = document.getElementById("chosen-place");
    if (shown) { shown.textContent = button.dataset.name; }
    if (button.dataset.lat && button.dataset.lon) {
      document.dispatchEvent(new CustomEvent("raqib:place", {
        detail: { lat: parseFloat(button.dataset.lat), lon: parseFloat(button.dataset.lon) }
      }));
      var precision = form && form.querySelector("select[name=location_precision]");
      if (precision && precision.value === "exact") { precision.value = "town"; }
    }
    var results = document.getElementById("place-results");
    if (results) { results.textContent = ""; }
    if (shown) { shown.focus(); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".place-choice");
    if (button) { event.preventDefault(); choosePlace(button); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var category = document.getElementById("id_category");
    var subtype = document.getElementById("id_subtype");
    if (category && subtype) { linkSubtypes(category, subtype); }
    var shown = document.getElementById("chosen-place");
    if (shown) { shown.tabIndex = -1; }
    // The search box must not send the form when Enter picks nothing.
    var search = document.getElementById("place-search");
    if (search) {
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }
      });
    }
  });
})();
