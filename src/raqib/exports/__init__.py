"""Exports of incidents: ACLED-compatible CSV, GeoJSON, HXL CSV and XLSX, streamed and signed."""
