/* The map: an offline vector base (Libya's outline), the zones, the towns of the gazetteer and,
   on the incident list, incidents aggregated by the server on a grid for the current zoom.
   On forms it is a picker: a click sets the latitude and longitude fields.
   Every user-visible word comes from the page (data-text-* attributes), already translated. */
(function () {
  "use strict";

  var LIBYA = [[19.5, 9.3], [33.2, 25.2]];

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(url + ": " + response.status); }
        return response.json();
      });
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function baseLayers(map, d) {
    var withTiles = Boolean(d.tileUrl);
    if (withTiles) {
      L.tileLayer(d.tileUrl, { attribution: d.tileAttribution || "", maxZoom: 18 }).addTo(map);
    }
    return getJSON(d.outlineUrl).then(function (data) {
      return L.geoJSON(data, {
        interactive: false,
        style: function (f) {
          return f.properties.focus
            ? { color: "#37474f", weight: 1.5, fillColor: "#f6f2e8", fillOpacity: withTiles ? 0.05 : 1 }
            : { color: "#90a4ae", weight: 1, fillColor: "#e3e6e8", fillOpacity: withTiles ? 0 : 1 };
        }
      }).addTo(map);
    });
  }

  function zonesLayer(map, d) {
    return getJSON(d.zonesUrl).then(function (data) {
      return L.geoJSON(data, {
        style: function (f) {
          var colour = cssVar("--zone-" + f.properties.status, "#1e7b3a");
          return { color: colour, fillColor: colour, weight: 2.5, fillOpacity: 0.15,
                   className: "zone zone-" + f.properties.status };
        },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 7, className: "zone zone-" + f.properties.status });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(p.name + " · " + p.status_label + " · " + d.textPhase + " " + p.phase, { sticky: true });
          layer.on("click", function () { if (d.map !== "picker") { window.location.href = p.url; } });
        }
      }).addTo(map);
    });
  }

  function townsLayer(map, d) {
    return getJSON(d.townsUrl).then(function (data) {
      return L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 3, color: "#263238", weight: 1, fillColor: "#ffffff",
                                          fillOpacity: 1, className: "town", interactive: true });
        },
        onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, { className: "town-label" }); }
      }).addTo(map);
    });
  }

  function cellPopup(cell, map, d) {
    var box = el("div", null, { dir: "auto" });
    if (cell.url) {
      box.appendChild(el("a", cell.reference, { href: cell.url, translate: "no" }));
      box.appendChild(el("div", cell.categories[0].label));
      box.appendChild(el("div", cell.state_label));
      return box;
    }
    box.appendChild(el("strong", cell.count + " " + d.textIncidentsHere));
    var list = el("ul", null, { class: "plain" });
    cell.categories.forEach(function (c) { list.appendChild(el("li", c.count + " · " + c.label)); });
    box.appendChild(list);
    var zoom = el("button", d.textZoomHere, { type: "button" });
    zoom.addEventListener("click", function () { map.setView([cell.lat, cell.lon], Math.min(map.getZoom() + 2, 16)); });
    box.appendChild(zoom);
    return box;
  }

  function incidentsLayer(map, d) {
    var layer = L.layerGroup().addTo(map);
    var query = d.query || "";
    var pending = 0;

    function draw(cells) {
      layer.clearLayers();
      cells.forEach(function (cell) {
        var size = cell.count === 1 ? 16 : Math.round(22 + 6 * Math.log2(cell.count));
        var icon = L.divIcon({
          className: "marker cat-" + cell.category + " look-" + cell.state,
          html: cell.count === 1 ? "" : String(cell.count),
          iconSize: [size, size]
        });
        var label = cell.url ? cell.reference : cell.count + " " + d.textIncidentsHere;
        var marker = L.marker([cell.lat, cell.lon], { icon: icon, title: label, keyboard: true, riseOnHover: true });
        marker.bindPopup(function () { return cellPopup(cell, map, d); });
        marker.addTo(layer);
        var node = marker.getElement();
        if (node) { node.setAttribute("aria-label", label); node.setAttribute("role", "button"); }
      });
    }

    function load(fit) {
      var ticket = ++pending;
      var url = d.incidentsUrl + "?" + (query ? query + "&" : "") + "zoom=" + map.getZoom();
      return getJSON(url).then(function (data) {
        if (ticket !== pending) { return; }
        draw(data.cells);
        // The first time, show where the incidents are (redrawn at the new zoom by zoomend).
        if (fit === true && data.cells.length) {
          map.fitBounds(L.latLngBounds(data.cells.map(function (c) { return [c.lat, c.lon]; })).pad(0.3), { maxZoom: 9 });
        }
      });
    }

    map.on("zoomend", function () { load(false); });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var count = document.getElementById("result-count");
      if (event.detail.target && event.detail.target.id === "results" && count) {
        query = count.dataset.query || "";
        load(false);
      }
    });
    return load(true).then(function () { return layer; });
  }

  function picker(map, d) {
    var form = map.getContainer().closest("form");
    var lat = form.querySelector("input[name=lat]");
    var lon = form.querySelector("input[name=lon]");
    var marker = null;

    function place(latlng, fill) {
      if (!marker) {
        marker = L.marker(latlng, {
          icon: L.divIcon({ className: "picker-marker", iconSize: [18, 18] }),
          title: d.textChosen, keyboard: false
        }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
      if (fill) {
        lat.value = latlng.lat.toFixed(5);
        lon.value = latlng.lng.toFixed(5);
        lat.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }

    function fromInputs() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (isFinite(a) && isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) { place(L.latLng(a, b), false); return true; }
      return false;
    }

    map.on("click", function (event) { place(event.latlng, true); });
    lat.addEventListener("change", fromInputs);
    lon.addEventListener("change", fromInputs);
    document.addEventListener("raqib:place", function (event) {
      var latlng = L.latLng(event.detail.lat, event.detail.lon);
      place(latlng, true);
      map.setView(latlng, Math.max(map.getZoom(), 9));
    });
    if (fromInputs()) { map.setView(marker.getLatLng(), 9); }
  }

  function init(node) {
    var d = node.dataset;
    var rtl = document.documentElement.dir === "rtl";
    // Leaflet positions in left/top pixels; its own box stays left-to-right, its text follows dir="auto".
    node.setAttribute("dir", "ltr");
    var map = L.map(node, { zoomControl: false, minZoom: 4, maxZoom: 16, keyboard: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.getContainer().setAttribute("translate", "no");
    L.control.zoom({ position: rtl ? "topright" : "topleft", zoomInTitle: d.textZoomIn, zoomOutTitle: d.textZoomOut }).addTo(map);
    map.fitBounds(LIBYA);

    var overlays = {};
    var loading = [
      baseLayers(map, d),
      zonesLayer(map, d).then(function (layer) {
        overlays[d.textZones] = layer;
        if (d.map === "zones" && layer.getLayers().length) { map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 10 }); }
        if (d.map === "picker" && layer.getLayers().length && !node.querySelector(".picker-marker")) {
          map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 9 });
        }
        return layer;
      }),
      townsLayer(map, d).then(function (layer) { overlays[d.textTowns] = layer; return layer; })
    ];
    if (d.incidentsUrl) {
      loading.push(incidentsLayer(map, d).then(function (layer) { overlays[d.textIncidents] = layer; return layer; }));
    }
    if (d.map === "picker") { picker(map, d); }
    Promise.all(loading.map(function (p) { return p.catch(function (e) { console.error(e); return null; }); }))
      .then(function () {
        L.control.layers(null, overlays, { position: rtl ? "topleft" : "topright", collapsed: true }).addTo(map);
        node.setAttribute("data-ready", "true");
      });
    node.raqibMap = map;
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), init);
  });
})();
