"""Raqib's JSON API, served under ``/api/v1`` (see :mod:`raqib.api.app`).

The paths, fields and error shape are a contract: scripts outside Raqib depend on them.
"""
