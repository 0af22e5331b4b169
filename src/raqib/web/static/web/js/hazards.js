/* The hazardous areas as a layer on the map of map.js: polygons coloured by state (active,
   worked on, closed), dashed when only suspected. Words come from the page (data-text-*). */
(function () {
  "use strict";

  var COLOURS = { active: "#c53030", worked_on: "#b7791f", closed: "#1e6b35" };

  function addLayer(node, holder) {
    var map = node.raqibMap;
    if (!map) { return; }
    fetch(holder.dataset.hazardsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(holder.dataset.hazardsUrl + ": " + response.status); }
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (f) {
            var colour = COLOURS[f.properties.state] || "#c53030";
            return { color: colour, fillColor: colour, weight: 2, fillOpacity: 0.35,
                     dashArray: f.properties.status === "suspected" ? "4 4" : null,
                     className: "hazard hazard-" + f.properties.state };
          },
          onEachFeature: function (f, l) {
            l.bindTooltip(f.properties.label + " · " + f.properties.name, { sticky: true });
            l.on("click", function () { window.location.href = f.properties.url; });
          }
        }).addTo(map);
        if (layer.getLayers().length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 11 }); }
        node.setAttribute("data-hazards-ready", String(layer.getLayers().length));
      })
      .catch(function (e) { console.error(e); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hazards-url]"), function (holder) {
      var node = holder.querySelector("[data-map]");
      if (node) { addLayer(node, holder); }
    });
  });
})();
