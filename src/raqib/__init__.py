"""Raqib: the information system of a ceasefire monitoring and verification mission."""

__version__ = "0.1.0"
