"""Field types every input schema shares: bounded, finite, storable, time-zone aware."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from raqib.api.parsing import UNSTORABLE

BIGINT_MAX = 2**63 - 1
EARLIEST, LATEST = 1900, 2200


class Input(BaseModel):
    """A request body: unknown fields are refused, so a misspelt field is not silently lost."""

    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _storable(value: str) -> str:
    if UNSTORABLE.search(value):
        raise ValueError(_("contains a NUL character or an unpaired surrogate"))
    return value


def _reasonable(value: dt.datetime) -> dt.datetime:
    if not EARLIEST <= value.year <= LATEST:
        raise ValueError(_("must be between the years %(a)d and %(b)d") % {"a": EARLIEST, "b": LATEST})
    return value.astimezone(dt.UTC)


Key = Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_storable)]
Short = Annotated[str, StringConstraints(max_length=300), AfterValidator(_storable)]
Long = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_storable)]
Url = Annotated[str, StringConstraints(max_length=1000), AfterValidator(_storable)]
Moment = Annotated[AwareDatetime, AfterValidator(_reasonable)]
Lat = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Lon = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
ProvisionRef = Annotated[Id | Key, Field(description="A provision's id, or its number (a string) in the current "
                                                     "agreement.")]


def absent(**constraints: Any) -> Any:
    """The default of a field that may be left out of a change but not sent as null: the
    field keeps its non-null type, so ``null`` fails validation naming the field."""
    return Field(None, **constraints)


def key_of(obj: Any) -> str | None:
    return None if obj is None else obj.key


class ProvisionRefOut(Output):
    id: int
    number: str


class PageQuery(BaseModel):
    """The paging parameters of every list."""

    limit: int = Field(50, ge=1, le=500, description="Items per page (at most 500).")
    cursor: Annotated[str, StringConstraints(max_length=400)] | None = Field(
        None, description="The `next` value of the previous page.")
