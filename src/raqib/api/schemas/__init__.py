"""Input and output schemas of the API, one module per resource; shared field types in
:mod:`raqib.api.schemas.common`."""
