"""The built-in export formats; importing this package registers them."""

from raqib.exports.formats import acled, geojson, hxl, xlsx

__all__ = ["acled", "geojson", "hxl", "xlsx"]
